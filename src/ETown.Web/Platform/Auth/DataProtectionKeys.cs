using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using ETown.Web.Platform.Data;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace ETown.Web.Platform.Auth;

/// <summary>
/// One key of the ASP.NET Core data-protection key ring (it protects the sign-in cookie and the antiforgery tokens).
/// Kept in the platform database (issue #16, two instances on one database) so a cookie issued by one instance is
/// read by every other; the audit records the key's creation with the key material masked.
/// </summary>
public sealed class DataProtectionKey : ICreatedAt
{
    public int Id { get; set; }
    public string FriendlyName { get; set; } = "";
    /// <summary>The key's XML as the key manager wrote it (secret: masked in the audit, read only by system work).</summary>
    public string KeyXml { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>, IScopeRule<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> e)
    {
        e.Property(x => x.FriendlyName).HasMaxLength(100);
        e.Property(x => x.KeyXml).HasMaxLength(8000);
    }

    // Nobody reads the keys through the data scope, not even the province: only the key manager (system work).
    public void Scope(ScopeRule<DataProtectionKey> rule) => rule.NotSeenByAll();
}

/// <summary>The key manager's store: the <see cref="DataProtectionKey"/> rows, read and written as system work.</summary>
public sealed class DatabaseKeyRepository(EtownDb db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var ctx = db.CreateSystem();
        return ctx.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.KeyXml).ToList()
            .Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var ctx = db.CreateSystem();
        ctx.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, KeyXml = element.ToString(SaveOptions.DisableFormatting) });
        ctx.SaveChanges();
    }
}

public static class DataProtectionSetup
{
    /// <summary>
    /// Where the key ring lives: <c>DataProtection:Store</c> = <c>Database</c> (default: every instance on the same
    /// database shares it) or <c>FileSystem</c> (<c>DataProtection:KeysPath</c>, one instance only).
    /// </summary>
    public static IServiceCollection AddEtownDataProtection(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        var dp = services.AddDataProtection().SetApplicationName("etown");
        var store = config["DataProtection:Store"] ?? "Database";
        if (store.Equals("FileSystem", StringComparison.OrdinalIgnoreCase))
            dp.PersistKeysToFileSystem(new DirectoryInfo(config["DataProtection:KeysPath"] ?? Path.Combine(contentRoot, "data", "keys")));
        else if (store.Equals("Database", StringComparison.OrdinalIgnoreCase))
            services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
                new Microsoft.Extensions.Options.ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseKeyRepository(sp.GetRequiredService<EtownDb>())));
        else
            throw new InvalidOperationException($"DataProtection:Store must be Database or FileSystem (got '{store}').");
        return services;
    }
}
