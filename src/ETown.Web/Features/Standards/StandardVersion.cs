using System.Globalization;
using ETown.Web.Features.Regions;
using ETown.Web.Platform;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Versioning;

namespace ETown.Web.Features.Standards;

/// <summary>约束性 (binding) or 期望性 (expected) — P 附件1 column 属性.</summary>
public enum ItemAttribute { Binding, Expected }

/// <summary>Measured: decided by figures (产值、投资、网络零售额 …). Evidenced: decided by reviewed evidence (counted facts and files).</summary>
public enum ItemKind { Measured, Evidenced }

/// <summary>A threshold per county class (先行示范县 / 整体推进县 / 重点帮扶县); null = the version sets none for that class.</summary>
public sealed record ClassValues(decimal? Pilot, decimal? Advancing, decimal? Assisted)
{
    public decimal? For(CountyClass c) => c switch { CountyClass.Pilot => Pilot, CountyClass.Advancing => Advancing, _ => Assisted };
}

/// <summary>
/// One comparison of a measured item: the indicator's figure (or its year-on-year growth) in the
/// evaluated year against a fixed value, a per-class value, another indicator plus an offset, or the
/// e-town's own declared target.
/// </summary>
public sealed record MeasureCondition
{
    /// <summary>Indicator code, see <see cref="Indicators"/>.</summary>
    public required string Indicator { get; init; }
    /// <summary>"&gt;=", "&gt;", "&lt;=" or "between" (Value ≤ x ≤ Max).</summary>
    public string Op { get; init; } = ">=";
    public decimal? Value { get; init; }
    public decimal? Max { get; init; }
    public ClassValues? ByClass { get; init; }
    /// <summary>Compare the year-on-year growth in percent instead of the value.</summary>
    public bool Growth { get; init; }
    /// <summary>Threshold = this indicator's figure in the same year + <see cref="Value"/> (STD-33: city average + 2 pp).</summary>
    public string? RelativeTo { get; init; }
    /// <summary>Threshold = the e-town's declared target for the indicator and year (item 38: "一定数量" set by the county itself).</summary>
    public bool AgainstDeclarationTarget { get; init; }
    /// <summary>
    /// "…/年（验收当年）" (P 附件1 items 33, 36): the per-class threshold binds in the e-town's own acceptance year and in
    /// every later year of the "十四五" period ("保证乡村e镇建成后“十四五”期间", 000 附件1 items 33/36), not before
    /// acceptance and not after <see cref="StandardCatalogue2022.FourteenthPlanLastYear"/> (issue #14 item 6).
    /// </summary>
    public bool FromAcceptanceYear { get; init; }
    /// <summary>The condition binds only in years ≥ this (K line 6 "后续每年…").</summary>
    public int? FromYear { get; init; }
    /// <summary>The condition binds only in years ≤ this (K line 6 "预计在2023年底…").</summary>
    public int? ToYear { get; init; }
    /// <summary>Compare the sum of the indicator from this year to the evaluated year (K line 6: "2023年底…新增…不少于20个").</summary>
    public int? CumulativeFromYear { get; init; }
}

/// <summary>A counted fact an evidenced item requires (e.g. area_m2 ≥ 1000, live_rooms ≥ 1).</summary>
public sealed record FactRequirement(string Key, string Label, string Unit, decimal? Min = null, decimal? Max = null)
{
    public string Describe() => (Min, Max) switch
    {
        ({ } a, { } b) => $"{Label} {F(a)}–{F(b)} {Unit}",
        ({ } a, null) => $"{Label} ≥ {F(a)} {Unit}",
        (null, { } b) => $"{Label} ≤ {F(b)} {Unit}",
        _ => Label,
    };
    static string F(decimal v) => v.ToString("#,0.####", CultureInfo.InvariantCulture);
}

/// <summary>
/// What decides an item, as data (architecture pattern 3). Measured items: <see cref="AnyOf"/> is an OR of
/// AND-groups of conditions (item 34: area 0.5–5 km² OR floor area ≥ 50万 m²). Evidenced items: the
/// facts a confirmed piece of evidence must show; no facts = a confirmed document suffices.
/// </summary>
public sealed record ItemSpec
{
    public IReadOnlyList<IReadOnlyList<MeasureCondition>> AnyOf { get; init; } = [];
    public IReadOnlyList<FactRequirement> Facts { get; init; } = [];
    /// <summary>A "每年" item (P 附件1 items 14, 19, 29): evidence is for one year and satisfies only that year (issue #14 item 11).</summary>
    public bool PerYear { get; init; }
}

/// <summary>One of the 39 items of a standard version.</summary>
public class StandardItem : IProvinceWide
{
    public Guid Id { get; private set; } = Guid.NewGuid();
    public Guid VersionId { get; private set; }
    public int Number { get; private set; }
    public string Group { get; private set; } = "";
    /// <summary>建设内容</summary>
    public string Content { get; private set; } = "";
    /// <summary>建设标准 (the original wording)</summary>
    public string StandardText { get; private set; } = "";
    public ItemAttribute Attribute { get; private set; }
    public ItemKind Kind { get; private set; }
    public ItemSpec Spec { get; private set; } = new();

    StandardItem() { } // EF

    public static StandardItem Create(int number, string group, string content, string standardText, ItemAttribute attribute, ItemKind kind, ItemSpec spec) => new()
    {
        Number = number, Group = group, Content = content, StandardText = standardText, Attribute = attribute, Kind = kind, Spec = spec,
    };

    internal StandardItem CopyFor(Guid versionId) => new()
    {
        VersionId = versionId, Number = Number, Group = Group, Content = Content, StandardText = StandardText,
        Attribute = Attribute, Kind = Kind, Spec = Spec,
    };

    internal void AttachTo(Guid versionId) => VersionId = versionId;

    /// <summary>A derived version that numbers its groups differently (岢岚 附件2 group 五 covers items 12–15).</summary>
    internal void Regroup(string group) => Group = group;

    internal void Edit(string? content, string? standardText, ItemAttribute? attribute, ItemKind? kind, ItemSpec? spec)
    {
        if (content is not null) Content = content.Trim();
        if (standardText is not null) StandardText = standardText.Trim();
        if (attribute is { } a) Attribute = a;
        if (kind is { } k) Kind = k;
        if (spec is not null) Spec = spec;
        var problems = Problems();
        if (problems.Count > 0)
            throw new DomainException(StandardErrors.ItemInvalid, $"第 {Number} 项不合理：" + string.Join("；", problems) + "。");
    }

    public IReadOnlyList<string> Problems()
    {
        var p = new List<string>();
        if (string.IsNullOrWhiteSpace(StandardText) || StandardText.Length > 2000) p.Add("建设标准不能为空且不超过 2000 字");
        if (Content.Length > 1000) p.Add("建设内容不超过 1000 字");
        if (Kind == ItemKind.Measured)
        {
            if (Spec.AnyOf.Count == 0 || Spec.AnyOf.Any(g => g.Count == 0)) p.Add("量化指标项至少需要一个判定条件");
            foreach (var c in Spec.AnyOf.SelectMany(g => g))
            {
                if (!Indicators.Exists(c.Indicator)) p.Add($"未知指标 {c.Indicator}");
                if (c.Op is not (">=" or ">" or "<=" or "between")) p.Add($"未知比较符 {c.Op}");
                if (c.Op == "between" && (c.Value is null || c.Max is null || c.Value > c.Max)) p.Add("区间条件需要合理的上下限");
                if (c.Value is null && c.ByClass is null && !c.AgainstDeclarationTarget && c.RelativeTo is null) p.Add($"指标 {c.Indicator} 缺少阈值");
                if (c.RelativeTo is not null && !Indicators.Exists(c.RelativeTo)) p.Add($"未知指标 {c.RelativeTo}");
                if (c.FromYear is { } fy && c.ToYear is { } ty && fy > ty) p.Add($"指标 {c.Indicator} 的适用年份不合理");
                if (c.CumulativeFromYear is { } cy && (c.Growth || (c.ToYear ?? int.MaxValue) < cy)) p.Add($"指标 {c.Indicator} 的累计起始年份不合理");
            }
        }
        foreach (var f in Spec.Facts)
        {
            if (string.IsNullOrWhiteSpace(f.Key) || string.IsNullOrWhiteSpace(f.Label)) p.Add("事实项需要代码和名称");
            if (f.Min is { } a && f.Max is { } b && a > b) p.Add($"{f.Label} 的上下限不合理");
        }
        return p;
    }

    public static string AttributeLabel(ItemAttribute a) => a == ItemAttribute.Binding ? "约束性" : "期望性";
    public static string KindLabel(ItemKind k) => k == ItemKind.Measured ? "量化指标" : "佐证材料";
}

/// <summary>
/// One version of the 39-item construction standard (P 附件1 as "SX-2022"; the 朔州 and 岢岚 variants
/// derived from it). <see cref="RegionCode"/> null = province-wide; a city (xxxx00) or county code = that
/// region's variant. A version in use (e-towns are judged by it) is immutable: change means derive.
/// Derive, edit, adopt and resolve follow the platform's one <see cref="RuleSetLifecycle{T}"/> (as eligibility rule sets do).
/// </summary>
public class StandardVersion : IVersionedRuleSet<StandardVersion>, IProvinceWide
{
    public Guid Id { get; private set; } = Guid.NewGuid();
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int Version { get; private set; }
    public Guid? ParentId { get; private set; }
    public string? RegionCode { get; private set; }
    public bool IsInUse { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public List<StandardItem> Items { get; private set; } = [];

    StandardVersion() { } // EF

    /// <summary>ETOWN-STD-0001 in use, -0002 bad code/name (400), -0003 duplicate code, -0005 region outside the parent's.</summary>
    public static RuleSetLifecycle<StandardVersion> Lifecycle { get; } = new(new RuleSetTerms
    {
        Noun = "建设标准版本", CodeNoun = "标准版本",
        InvalidCode = StandardErrors.InvalidCodeOrRegion, InvalidStatus = 400, DuplicateCode = StandardErrors.CodeTaken, InUseCode = StandardErrors.VersionInUse, RegionCode = StandardErrors.OtherRegion,
        // A regional version is derived for the same region or one of its counties.
        MayDeriveFor = (parent, child) => child is not null && child.StartsWith(DataScope.PrefixUnder(parent), StringComparison.Ordinal),
        RegionMessage = p => $"版本 {p.Code} 适用于 {p.RegionCode}，只能派生同一地区或其下属县的版本。",
    });

    StandardVersion IVersionedRuleSet<StandardVersion>.CopyAs(RuleSetHeader h)
    {
        var v = new StandardVersion
        {
            Code = h.Code, Name = h.Name, Version = h.Version, ParentId = h.ParentId, RegionCode = h.RegionCode, CreatedAt = h.CreatedAt,
        };
        v.Items.AddRange(Items.OrderBy(i => i.Number).Select(i => i.CopyFor(v.Id)));
        return v;
    }

    public static StandardVersion Create(Guid id, string code, string name, string? regionCode, IEnumerable<StandardItem> items, bool inUse, DateTimeOffset now, Guid? parentId = null, int version = 1)
    {
        var v = new StandardVersion { Id = id, Code = code, Name = name, RegionCode = regionCode, IsInUse = inUse, CreatedAt = now, ParentId = parentId, Version = version };
        foreach (var i in items) { i.AttachTo(id); v.Items.Add(i); }
        return v;
    }

    /// <summary>Copy-and-edit: a new version (not in use, editable) with a copy of every item.</summary>
    public StandardVersion Derive(string code, string name, string? regionCode, DateTimeOffset now) =>
        Lifecycle.Derive(this, code, name, regionCode, now);

    public void EditItem(int number, string? content, string? standardText, ItemAttribute? attribute, ItemKind? kind, ItemSpec? spec)
    {
        RequireEditable();
        var item = Items.FirstOrDefault(i => i.Number == number) ?? throw new NotFoundException($"第 {number} 项");
        item.Edit(content, standardText, attribute, kind, spec);
    }

    internal void RegroupItem(int number, string group)
    {
        RequireEditable();
        (Items.FirstOrDefault(i => i.Number == number) ?? throw new NotFoundException($"第 {number} 项")).Regroup(group);
    }

    public void RequireEditable() => Lifecycle.RequireEditable(this);

    /// <summary>Adopt (through <see cref="RuleSetLifecycle{T}.Adopt"/>, or the seed): e-towns are judged by it and it is locked.</summary>
    public void MarkInUse() => IsInUse = true;
}
