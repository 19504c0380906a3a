using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Funds;

/// <summary>
/// FUND-15 (P 六(一): "注重统筹协调和政策协同力度", avoid duplicate investment): another department's project in the e-town
/// (department, project, amount in 万元, the construction-standard item it serves), recorded by the county so that a contract
/// on the same item is warned and must be justified in writing.
/// </summary>
public class OtherInvestment : IEtownOwned, ICreatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public string CountyCode { get; set; } = "";
    public string Department { get; set; } = "";
    public string Project { get; set; } = "";
    public decimal Amount { get; set; }
    /// <summary>Construction-standard item 1–39 (P 附件1).</summary>
    public int ItemNo { get; set; }
    public int? Year { get; set; }
    /// <summary>Written when the item already carries a contract of the special funds (FUND-15).</summary>
    public string? Justification { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed record OtherInvestmentInput(string? Department, string? Project, decimal Amount, int ItemNo, int? Year, string? Justification);

public sealed record OtherInvestmentView(Guid Id, string Department, string Project, decimal Amount, int ItemNo, int? Year, string? Justification, string RecordedBy);

/// <summary>A duplicate-investment warning (FUND-15): the special funds and another department's project on the same standard item.</summary>
public sealed record DuplicateWarning(int ItemNo, string What, string Other, string? Justification);

public sealed class OtherInvestmentService(EtownDb db, Caller caller, Authorizer auth)
{
    public const int MinJustification = 10;

    public async Task<OtherInvestmentView> AddAsync(Guid etownId, OtherInvestmentInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        caller.Require(Permissions.Fund.InvestmentEdit);
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Department) || input.Department.Trim().Length > 100) errors.Add("department", "请填写投资部门（不超过 100 字）。");
        if (string.IsNullOrWhiteSpace(input.Project) || input.Project.Trim().Length > 200) errors.Add("project", "请填写项目名称（不超过 200 字）。");
        FundsService.Money(errors, "amount", input.Amount, "投资金额", allowZero: false);
        if (input.ItemNo is < 1 or > 39) errors.Add("itemNo", "建设标准条目序号应为 1–39。");
        if (input.Year is < 2000 or > 2100) errors.Add("year", "年度无效。");
        errors.ThrowIfAny();
        await using var ctx = db.Create(caller);
        var etown = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        auth.Require(FundOperations.EditInvestment, new FundResource(etown.CountyCode, etownId));
        // FUND-15: the item already carries a contract of the special funds → a written justification.
        var contracts = await ctx.FundContracts.AsNoTracking().Where(c => c.EtownId == etownId).ToListAsync(ct);
        var overlapping = contracts.Where(c => c.Scope.Any(s => s.ItemNo == input.ItemNo)).Select(c => c.Number).ToList();
        var justification = Justified(input.Justification, overlapping.Count > 0,
            $"第 {input.ItemNo} 项已有专项资金合同（{string.Join("、", overlapping)}），");
        var x = new OtherInvestment
        {
            EtownId = etownId, CountyCode = etown.CountyCode, Department = input.Department!.Trim(), Project = input.Project!.Trim(), Amount = input.Amount,
            ItemNo = input.ItemNo, Year = input.Year, Justification = justification, RecordedBy = caller.DisplayName ?? caller.UserName ?? "",
        };
        ctx.OtherInvestments.Add(x);
        await FundsService.SaveAsync(ctx, ct);
        return ToView(x);
    }

    /// <summary>
    /// FUND-15: when <paramref name="overlaps"/>, a written justification of at least <see cref="MinJustification"/> characters
    /// is required (422 with <paramref name="what"/>); answers the trimmed justification (null when there is no overlap).
    /// </summary>
    internal static string? Justified(string? justification, bool overlaps, string what)
    {
        if (!overlaps) return string.IsNullOrWhiteSpace(justification) ? null : justification.Trim();
        var t = justification?.Trim() ?? "";
        if (t.Length < MinJustification || t.Length > 2000)
            throw new DomainException(FundsErrors.DuplicateInvestment,
                $"重复投资预警（FUND-15）：{what}请书面说明不属于重复投资的理由（{MinJustification}–2000 字）。", 422);
        return t;
    }

    /// <summary>Other departments' projects on the items of a contract scope (FUND-15).</summary>
    internal static List<OtherInvestment> Overlapping(IEnumerable<OtherInvestment> others, IEnumerable<ContractScopeLine> scope)
    {
        var items = scope.Select(s => s.ItemNo).ToHashSet();
        return others.Where(o => items.Contains(o.ItemNo)).ToList();
    }

    internal static OtherInvestmentView ToView(OtherInvestment x) => new(x.Id, x.Department, x.Project, x.Amount, x.ItemNo, x.Year, x.Justification, x.RecordedBy);
}
