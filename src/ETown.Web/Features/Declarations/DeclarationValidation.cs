using System.Text.RegularExpressions;
using ETown.Web.Features.Regions;
using ETown.Web.Platform;

namespace ETown.Web.Features.Declarations;

/// <summary>
/// Field checks of the 申报表 with Chinese messages: drafts may be incomplete but never wrong
/// (no negatives, sensible magnitudes); submission additionally needs the required fields.
/// Eligibility (DECL-02…06) is a separate engine: a form can be valid and still not eligible.
/// </summary>
public static partial class DeclarationValidation
{
    // Largest sensible values: a town's output or investment above 1000亿 or counts above 100万 are typos.
    const decimal MaxWan = 10_000_000m;
    const int MaxCount = 1_000_000;

    /// <summary>Text limits beyond the default 2000 characters (the form shows them as maxlength).</summary>
    public static readonly IReadOnlyDictionary<string, int> TextLimits = new Dictionary<string, int>
    {
        [nameof(DeclarationForm.BoundaryGeoJson)] = 200_000, [nameof(DeclarationForm.CountyCode)] = 12, [nameof(DeclarationForm.ProjectName)] = 100,
    };

    public static void Validate(DeclarationForm f, RegionDirectory regions) => ValidationFailedException.ThrowIfAny(Check(f, regions, submitting: false));

    public static void ValidateForSubmission(DeclarationForm f, RegionDirectory regions) => ValidationFailedException.ThrowIfAny(Check(f, regions, submitting: true));

    public static FieldErrors Check(DeclarationForm f, RegionDirectory regions, bool submitting)
    {
        var e = new FieldErrors();
        // Issue #17 findings 10/12: a null list is refused (not a 500), every text has a length limit.
        if (f.Targets is null) { e.Add(nameof(f.Targets), "目标值列表不能为空值（可为空列表）。"); return e; }
        Platform.Validation.InputLimits.CheckTextLengths(f, e, TextLimits);

        if (regions.Find(f.CountyCode) is not { Level: RegionLevel.County }) e.Add(nameof(f.CountyCode), "请选择申报县（市、区）。");
        if (string.IsNullOrWhiteSpace(f.ProjectName)) e.Add(nameof(f.ProjectName), "请填写乡村e镇项目名称。");
        else if (f.ProjectName.Length > 100) e.Add(nameof(f.ProjectName), "项目名称不能超过 100 字。");
        if (!string.IsNullOrWhiteSpace(f.PersonInChargePhone) && !PhoneRe().IsMatch(f.PersonInChargePhone.Trim())) e.Add(nameof(f.PersonInChargePhone), "负责人联系电话格式不正确。");
        if (!string.IsNullOrWhiteSpace(f.ContactPhone) && !PhoneRe().IsMatch(f.ContactPhone.Trim())) e.Add(nameof(f.ContactPhone), "联系人电话格式不正确。");
        if (!string.IsNullOrWhiteSpace(f.Email) && !EmailRe().IsMatch(f.Email.Trim())) e.Add(nameof(f.Email), "电子邮箱格式不正确。");

        Wan(nameof(f.OnlineRetailWan), "网络零售额", f.OnlineRetailWan);
        Wan(nameof(f.OutputWan), "产值", f.OutputWan);
        Count(nameof(f.MarketEntities), "市场主体", f.MarketEntities);
        Count(nameof(f.EcommerceEnterprises), "电商企业", f.EcommerceEnterprises);
        Count(nameof(f.EnterprisesOver100Wan), "网络零售额超过100万元企业数", f.EnterprisesOver100Wan);
        if (f.PlannedAreaKm2 is < 0 or > 1000m) e.Add(nameof(f.PlannedAreaKm2), "规划面积应在 0–1000 平方公里之间。");
        if (f.FloorAreaM2 is < 0 or > 100_000_000m) e.Add(nameof(f.FloorAreaM2), "建筑面积应在 0–1 亿平方米之间。");
        if (f.EnterprisesOver100Wan is { } over && f.EcommerceEnterprises is { } total && over > total)
            e.Add(nameof(f.EnterprisesOver100Wan), "网络零售额超过100万元的企业数不能多于电商企业数。");

        foreach (var t in f.Targets)
        {
            var (label, unit) = TargetIndicators.Describe(t.Indicator);
            if (!TargetIndicators.Years.Contains(t.Year)) e.Add("Targets", $"{label}的年份 {t.Year} 不在 2022–2025 之间。");
            if (t.Value is < 0) e.Add($"Targets.{t.Indicator}.{t.Year}", $"{t.Year} 年{label}不能为负数。");
            else if (t.Value > (unit == "万元" ? MaxWan : MaxCount)) e.Add($"Targets.{t.Indicator}.{t.Year}", $"{t.Year} 年{label}数值过大，请核对单位（{unit}）。");
        }
        if (f.Targets.GroupBy(t => (t.Indicator, t.Year)).Any(g => g.Count() > 1)) e.Add("Targets", "同一指标同一年份只能填写一个值。");

        if (submitting)
        {
            if (string.IsNullOrWhiteSpace(f.PersonInCharge)) e.Add(nameof(f.PersonInCharge), "请填写负责人。");
            if (string.IsNullOrWhiteSpace(f.ContactPhone) && string.IsNullOrWhiteSpace(f.PersonInChargePhone)) e.Add(nameof(f.ContactPhone), "请至少填写一个联系电话。");
            if (f.PlannedAreaKm2 is null && f.FloorAreaM2 is null) e.Add(nameof(f.PlannedAreaKm2), "规划面积与建筑面积至少填写一项。");
            if (f.MarketEntities is null) e.Add(nameof(f.MarketEntities), "请填写市场主体数。");
            if (f.EcommerceEnterprises is null) e.Add(nameof(f.EcommerceEnterprises), "请填写电商企业数。");
            if (f.OutputWan is null) e.Add(nameof(f.OutputWan), "请填写产值。");
            if (string.IsNullOrWhiteSpace(f.FeaturedProducts)) e.Add(nameof(f.FeaturedProducts), "请填写特色产品。");
            if (string.IsNullOrWhiteSpace(f.BoundaryText) && string.IsNullOrWhiteSpace(f.BoundaryGeoJson)) e.Add(nameof(f.BoundaryText), "请填写四至范围或上传边界。");
            if (string.IsNullOrWhiteSpace(f.CountyOpinion)) e.Add(nameof(f.CountyOpinion), "请填写县（市、区）政府意见。");
            foreach (var i in new[] { TargetIndicator.TotalInvestment, TargetIndicator.TotalOutput, TargetIndicator.OnlineRetail, TargetIndicator.NewMarketEntities })
                if (f.Target(i, 2025) is null) e.Add($"Targets.{i}.2025", $"请填写 2025 年{TargetIndicators.Describe(i).Label}目标。");
        }
        return e;

        void Wan(string field, string label, decimal? v)
        {
            if (v is < 0) e.Add(field, $"{label}不能为负数。");
            else if (v > MaxWan) e.Add(field, $"{label}数值过大，请核对单位（万元）。");
        }
        void Count(string field, string label, int? v)
        {
            if (v is < 0) e.Add(field, $"{label}不能为负数。");
            else if (v > MaxCount) e.Add(field, $"{label}数值过大。");
        }
    }

    [GeneratedRegex(@"^(1\d{10}|0\d{2,3}-?\d{7,8})$")] private static partial Regex PhoneRe();
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")] private static partial Regex EmailRe();
}
