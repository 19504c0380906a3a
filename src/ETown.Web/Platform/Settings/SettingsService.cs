using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Platform.Settings;

/// <summary>Runtime settings the system administrator manages; cached in memory.</summary>
public sealed class SettingsService(EtownDb db, Caller caller, SiteSettings site)
{
    /// <summary>Every known setting with its current value (stored or default).</summary>
    public async Task<IReadOnlyList<AppSetting>> ListAsync(CancellationToken ct = default)
    {
        caller.Require(Permissions.System.SettingManage);
        await using var ctx = db.Create(caller);
        var stored = await ctx.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, ct);
        return SiteSettings.Known.OrderBy(k => k.Key)
            .Select(k => new AppSetting { Key = k.Key, Value = stored.GetValueOrDefault(k.Key, k.Value.Default), Description = k.Value.Description })
            .ToList();
    }

    public async Task SetAsync(string key, string value, CancellationToken ct = default)
    {
        caller.Require(Permissions.System.SettingManage);
        if (!SiteSettings.Known.TryGetValue(key, out var def)) throw new NotFoundException("系统参数");
        if (def.Validate(value) is { } error)
            throw new ValidationFailedException(new Dictionary<string, string[]> { [key] = [error] });
        await using var ctx = db.Create(caller);
        var s = await ctx.Settings.FirstOrDefaultAsync(x => x.Key == key, ct);
        if (s is null) ctx.Settings.Add(new AppSetting { Key = key, Value = value.Trim(), Description = def.Description });
        else s.Value = value.Trim();
        await ctx.SaveChangesAsync(ct);
        await site.ReloadAsync(db, ct);
    }
}

/// <summary>The known settings with defaults and validation, plus the live values.</summary>
public sealed class SiteSettings
{
    public sealed record Definition(string Default, string Description, Func<string, string?> Validate);

    public const string IdleTimeoutMinutes = "Security.IdleTimeoutMinutes";
    public const string SiteName = "Site.Name";

    public static readonly IReadOnlyDictionary<string, Definition> Known = new Dictionary<string, Definition>
    {
        [IdleTimeoutMinutes] = new("30", "无操作自动退出时间（分钟，1–30）",
            v => int.TryParse(v, out var n) && n is >= 1 and <= 30 ? null : "请填写 1 到 30 之间的整数（等保要求不超过 30 分钟）。"),
        [SiteName] = new("山西省乡村e镇培育管理平台", "平台名称",
            v => string.IsNullOrWhiteSpace(v) || v.Length > 50 ? "平台名称不能为空且不超过 50 字。" : null),
    };

    volatile IReadOnlyDictionary<string, string> _values = Known.ToDictionary(k => k.Key, k => k.Value.Default);

    public string Get(string key) => _values.TryGetValue(key, out var v) ? v : Known[key].Default;
    public int IdleMinutes => int.TryParse(Get(IdleTimeoutMinutes), out var n) ? n : 30;

    public async Task ReloadAsync(EtownDb db, CancellationToken ct = default)
    {
        await using var ctx = db.CreateSystem();
        var stored = await ctx.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, ct);
        _values = Known.ToDictionary(k => k.Key, k => stored.GetValueOrDefault(k.Key, k.Value.Default));
    }
}
