using System.Text.Json;
using ETown.Web.Features.Etowns;
using ETown.Web.Features.Regions;
using ETown.Web.Platform;
using ETown.Web.Platform.Approval;
using ETown.Web.Platform.Attachments;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Declarations;

public sealed record DeclarationQuery(int? Year = null, string? CityCode = null, DeclarationStatus? Status = null, string? Search = null,
    int? Page = 1, int? PageSize = 50);

public sealed record DeclarationRow(Guid Id, int Year, string ProjectName, string CountyCode, string CountyName, string CityName,
    DeclarationStatus Status, string StatusLabel, DateTimeOffset? SubmittedAt, decimal? AverageScore, int? Rank, Guid? EtownId);

public sealed record MaterialRow(Guid Id, MaterialKind Kind, string KindLabel, string FileName, long Size, string Sha256, DateTimeOffset UploadedAt);

public sealed record ExpertScoreRow(Guid ExpertUserId, string ExpertName, decimal? Total, IReadOnlyDictionary<string, decimal>? Scores,
    string? Comment, DateTimeOffset? ScoredAt);

public sealed record ObjectionRow(Guid Id, string Text, string? Submitter, DateTimeOffset ReceivedAt, string? Resolution, bool? Sustained);

public sealed record DeclarationDetail(Guid Id, int Year, string CountyCode, string CountyName, string CityName, DeclarationStatus Status,
    string StatusLabel, DeclarationForm Form, DateTimeOffset? SubmittedAt, string? CityOpinion, string? ReturnReason, string? DecisionNote,
    decimal? AverageScore, int? Rank, Guid? EtownId, IReadOnlyList<MaterialRow> Materials, IReadOnlyList<MaterialKind> MissingMaterials,
    IReadOnlyList<ExpertScoreRow> Scores, IReadOnlyList<ObjectionRow> Objections, bool CanEdit, bool CanSubmit, bool CanRecommend,
    bool CanManageReview, bool CanScore, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record RoundInput(DateOnly OpensOn, DateOnly ClosesOn, DateOnly? ReopenedUntil, int NoticeWorkingDays, IReadOnlyList<ScoringCriterion>? ScoringSheet);

public sealed record RoundView(int Year, DateOnly OpensOn, DateOnly ClosesOn, DateOnly? ReopenedUntil, int NoticeWorkingDays,
    IReadOnlyList<ScoringCriterion> ScoringSheet, DateOnly? NoticeStartsOn, DateOnly? NoticeEndsOn, bool IsFinalised, bool OpenToday);

public sealed record CityOverview(string CityCode, string CityName, int CountyUnits, int QuotaForTwo, int CountiesWithTwo,
    IReadOnlyDictionary<DeclarationStatus, int> ByStatus, int Total)
{
    public bool QuotaExceeded => CountiesWithTwo > QuotaForTwo;
}

public sealed record RankingRow(DeclarationRow Declaration, IReadOnlyList<ExpertScoreRow> Scores);

public sealed record ScoreInput(IReadOnlyDictionary<string, decimal> Scores, string? Comment);

/// <summary>
/// The declaration workflow (DECL-07): county drafts and submits within the window; the city
/// recommends or returns; the province assigns experts, who score on the round's weighted sheet;
/// the province decides, publishes the notice for N working days, records objections, and at the
/// end the listed declarations become e-towns carrying their approved targets. Every step checks
/// permission and scope here, and is audited by the DbContext.
/// </summary>
public sealed class DeclarationService(EtownDb db, Caller caller, RegionDirectory regions, WorkingCalendar calendar, TimeProvider clock,
    AttachmentStore store, Eligibility.EligibilityService eligibility, Authorizer auth)
{
    static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    DateOnly Today => clock.ChinaToday();

    // ------------------------------------------------------------------ queries

    public async Task<PagedResult<DeclarationRow>> ListAsync(DeclarationQuery q, CancellationToken ct = default)
    {
        caller.Require(Permissions.Declaration.Read);
        await using var ctx = db.Create(caller);
        var query = ctx.Declarations.AsNoTracking();
        if (q.Year is { } y) query = query.Where(d => d.Year == y);
        if (q.Status is { } s) query = query.Where(d => d.Status == s);
        if (DataScope.CityFilterPrefix(q.CityCode) is { } p) query = query.Where(d => d.CountyCode.StartsWith(p));
        if (!string.IsNullOrWhiteSpace(q.Search)) query = query.Where(d => d.ProjectName.Contains(q.Search));
        var (page, size) = Paging.Normalise(q.Page, q.PageSize);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(d => d.Year).ThenBy(d => d.CountyCode).ThenBy(d => d.ProjectName).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new(rows.Select(ToRow).ToList(), total, page, size);
    }

    /// <summary>The eligibility report stored at submission, or null for drafts.</summary>
    public async Task<Eligibility.EligibilityReport?> SubmittedEligibilityAsync(Guid id, CancellationToken ct = default)
    {
        caller.Require(Permissions.Declaration.Read);
        await using var ctx = db.Create(caller);
        var row = await ctx.Declarations.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.EligibilityJson }).FirstOrDefaultAsync(ct)
                  ?? throw new NotFoundException("申报");
        return row.EligibilityJson is null ? null : JsonSerializer.Deserialize<Eligibility.EligibilityReport>(row.EligibilityJson, Json);
    }

    /// <summary>Replaces a draft's form with one imported from the .xlsx template; any cell error writes nothing.</summary>
    public async Task<IReadOnlyList<Documents.ImportError>> ImportAsync(Guid id, Stream xlsx, CancellationToken ct = default)
    {
        caller.Require(Permissions.Declaration.Edit);
        await using (var ctx = db.Create(caller))
        {
            var d = await ctx.Declarations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("申报");
            RequireCounty(d.CountyCode);
        }
        var (form, errors) = Documents.DeclarationXlsx.Import(xlsx, regions);
        if (errors.Count > 0) return errors;
        await UpdateAsync(id, form, ct);
        return [];
    }

    /// <summary>The public notice list (公示名单) of a round as rows for the .docx.</summary>
    public async Task<(IReadOnlyList<Documents.NoticeListRow> Rows, RoundView Round)> NoticeListAsync(int year, CancellationToken ct = default)
    {
        RequireProvince();
        await using var ctx = db.Create(caller);
        var r = await ctx.DeclarationRounds.AsNoTracking().FirstOrDefaultAsync(x => x.Year == year, ct) ?? throw new NotFoundException("申报年度");
        var rows = await ctx.Declarations.AsNoTracking()
            .Where(x => x.Year == year && (x.Status == DeclarationStatus.Approved || x.Status == DeclarationStatus.InNotice || x.Status == DeclarationStatus.Listed))
            .ToListAsync(ct);
        var ordered = rows.OrderBy(x => x.Rank ?? int.MaxValue).ThenBy(x => x.CountyCode).ToList();
        return (ordered.Select((x, i) =>
        {
            var county = regions.Find(x.CountyCode);
            return new Documents.NoticeListRow(x.Rank ?? i + 1, regions.NameOf(county?.ParentCode), county?.Name ?? x.CountyCode, x.ProjectName, x.AverageScore ?? 0);
        }).ToList(), ToView(r));
    }

    public async Task<DeclarationDetail> GetAsync(Guid id, CancellationToken ct = default)
    {
        caller.Require(Permissions.Declaration.Read);
        await using var ctx = db.Create(caller);
        var d = await ctx.Declarations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("申报");
        var materials = await ctx.DeclarationMaterials.AsNoTracking().Where(m => m.DeclarationId == id).OrderBy(m => m.Kind).ThenBy(m => m.UploadedAt).ToListAsync(ct);
        var manages = CanManageReview();
        // Counties and cities see the average; individual expert scores only the province and the expert.
        var scoreQuery = ctx.ExpertScores.AsNoTracking().Where(s => s.DeclarationId == id);
        if (!manages) scoreQuery = scoreQuery.Where(s => s.ExpertUserId == caller.UserId);
        var scores = await scoreQuery.ToListAsync(ct);
        var expertIds = scores.Select(s => s.ExpertUserId).ToList();
        var names = await ctx.Users.Where(u => expertIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var objections = await ctx.Objections.AsNoTracking().Where(o => o.DeclarationId == id).OrderBy(o => o.ReceivedAt).ToListAsync(ct);
        var county = regions.Find(d.CountyCode);
        return new DeclarationDetail(d.Id, d.Year, d.CountyCode, county?.Name ?? d.CountyCode, regions.NameOf(county?.ParentCode), d.Status,
            Declaration.StatusLabel(d.Status), d.Form, d.SubmittedAt, d.CityOpinion, d.ReturnReason, d.DecisionNote, d.AverageScore, d.Rank, d.EtownId,
            materials.Select(m => new MaterialRow(m.Id, m.Kind, Declaration.MaterialLabel(m.Kind), m.FileName, m.Size, m.Sha256, m.UploadedAt)).ToList(),
            Enum.GetValues<MaterialKind>().Where(k => materials.All(m => m.Kind != k)).ToList(),
            scores.Select(s => new ExpertScoreRow(s.ExpertUserId, names.GetValueOrDefault(s.ExpertUserId, "?"), s.Total,
                s.ScoresJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, decimal>>(s.ScoresJson), s.Comment, s.ScoredAt)).ToList(),
            objections.Select(o => new ObjectionRow(o.Id, o.Text, o.Submitter, o.ReceivedAt, o.Resolution, o.Sustained)).ToList(),
            CanEdit(d.CountyCode) && Declaration.IsEditable(d.Status), CanEdit(d.CountyCode) && Declaration.IsEditable(d.Status),
            CanRecommend(d.CountyCode) && Flow.CanFire(d.Status, DeclarationTrigger.Recommend), manages,
            caller.Has(Permissions.Declaration.ReviewScore) && d.Status == DeclarationStatus.UnderReview && scores.Any(s => s.ExpertUserId == caller.UserId),
            d.CreatedAt, d.UpdatedAt);
    }

    // ------------------------------------------------------------------ county: draft, materials, submit

    public async Task<Guid> CreateAsync(DeclarationForm form, int? year = null, CancellationToken ct = default)
    {
        caller.Require(Permissions.Declaration.Edit);
        RequireCounty(form.CountyCode);
        DeclarationValidation.Validate(form, regions);
        Platform.Validation.InputLimits.RequireProgrammeYear(year ?? Today.Year); // issue #17 finding 12
        await using var ctx = db.Create(caller);
        var d = new Declaration { Year = year ?? Today.Year, CountyCode = form.CountyCode, ProjectName = form.ProjectName.Trim() };
        d.SetForm(form);
        ctx.Declarations.Add(d);
        await ctx.SaveChangesAsync(ct);
        return d.Id;
    }

    public async Task UpdateAsync(Guid id, DeclarationForm form, CancellationToken ct = default)
    {
        caller.Require(Permissions.Declaration.Edit);
        await using var ctx = db.Create(caller);
        var d = await ctx.Declarations.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("申报");
        RequireCounty(d.CountyCode);
        if (form.CountyCode != d.CountyCode) throw new DomainException(DeclarationErrors.CountyChanged, "申报县不能更改。");
        DeclarationValidation.Validate(form, regions);
        d.SetForm(form);
        await ctx.SaveChangesAsync(ct);
    }

    public async Task SubmitAsync(Guid id, CancellationToken ct = default)
    {
        caller.Require(Permissions.Declaration.Edit);
        await using var ctx = db.Create(caller);
        var d = await ctx.Declarations.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("申报");
        RequireCounty(d.CountyCode);
        var round = await ctx.DeclarationRounds.FirstOrDefaultAsync(r => r.Year == d.Year, ct)
                    ?? throw new DomainException(DeclarationErrors.RoundNotOpen, $"{d.Year} 年度申报尚未开放。");
        // DECL-07 (000 line 131; issue #14 item 9): the county's deadline is its city's to set; without one the province's
        // date (which binds the city) stands in. A province reopening also reopens the county's window.
        var cityCode = regions.Find(d.CountyCode)?.ParentCode ?? "";
        var cityDeadline = await ctx.DeclarationCityDeadlines.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(x => x.Year == d.Year && x.CityCode == cityCode, ct);
        var countyOpen = cityDeadline is { } cd
            ? (Today >= round.OpensOn && Today <= cd.ClosesOn) || (round.ReopenedUntil is { } ru && Today <= ru && Today >= round.OpensOn)
            : round.AcceptsSubmissionOn(Today);
        if (!countyOpen)
            throw new DomainException(DeclarationErrors.OutsideWindow, cityDeadline is { } c
                ? $"已过{regions.NameOf(cityCode)}规定的县级申报截止日期（{c.ClosesOn:yyyy-MM-dd}），请与市商务局联系（DECL-07）。"
                : $"不在申报期内（{round.OpensOn:yyyy-MM-dd} 至 {round.ClosesOn:yyyy-MM-dd}{(round.ReopenedUntil is { } r ? $"，补报至 {r:yyyy-MM-dd}" : "")}），逾期视为放弃（DECL-07）。");
        DeclarationValidation.ValidateForSubmission(d.Form, regions);
        var missing = Enum.GetValues<MaterialKind>().Where(k => k != MaterialKind.CityRecommendation)
            .Where(k => !ctx.DeclarationMaterials.Any(m => m.DeclarationId == id && m.Kind == k)).ToList();
        if (missing.Count > 0)
            throw new DomainException(DeclarationErrors.MaterialsMissing, "材料不全（DECL-08），尚缺：" + string.Join("、", missing.Select(Declaration.MaterialLabel)) + "。");
        // The report the county saw is kept with the submission for the city and the province (DECL-02…06).
        var report = await eligibility.CheckAsync(d.Form, null, null, d.Id, ct);
        d.EligibilityJson = JsonSerializer.Serialize(report, Json);
        d.Submit(clock.GetUtcNow());
        await ctx.SaveChangesAsync(ct);
    }

    public async Task<MaterialRow> UploadMaterialAsync(Guid id, MaterialKind kind, string fileName, string contentType, Stream content, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(kind)) // issue #17 finding 12: "kind=42" binds as an undefined enum value
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["kind"] = ["材料类型不正确。"] });
        await using var ctx = db.Create(caller);
        var d = await ctx.Declarations.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("申报");
        // The city uploads its recommendation document; the county everything else.
        if (kind == MaterialKind.CityRecommendation)
        {
            caller.Require(Permissions.Declaration.Recommend);
            if (!CanRecommend(d.CountyCode)) throw new ForbiddenException("只有所属市可以上传市级推荐文件。");
            if (d.Status is not (DeclarationStatus.Submitted or DeclarationStatus.Recommended))
                throw new DomainException(DeclarationErrors.MaterialsLocked, "市级推荐文件在县级提交后上传。", 409);
        }
        else
        {
            caller.Require(Permissions.Declaration.Edit);
            RequireCounty(d.CountyCode);
            if (!Declaration.IsEditable(d.Status)) throw new DomainException(DeclarationErrors.MaterialsLocked, "申报已提交，不能再更换材料。", 409);
        }
        var stored = await store.SaveAsync(content, fileName, contentType, AttachmentPolicy.Materials, ct);
        var m = new DeclarationMaterial
        {
            DeclarationId = id, CountyCode = d.CountyCode, Kind = kind, FileName = stored.FileName, ContentType = stored.ContentType,
            Size = stored.Size, Sha256 = stored.Sha256, StoragePath = stored.StoragePath, UploadedAt = clock.GetUtcNow(), UploadedBy = caller.UserId,
        };
        ctx.DeclarationMaterials.Add(m);
        await ctx.SaveChangesAsync(ct);
        return new MaterialRow(m.Id, m.Kind, Declaration.MaterialLabel(m.Kind), m.FileName, m.Size, m.Sha256, m.UploadedAt);
    }

    public async Task<(DeclarationMaterial Material, Stream Content)> OpenMaterialAsync(Guid id, Guid materialId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Declaration.Read);
        await using var ctx = db.Create(caller);
        // DECL-07: the material is seen only with its declaration (a draft's only by its own county).
        if (!await ctx.Declarations.AnyAsync(x => x.Id == id, ct)) throw new NotFoundException("材料");
        var m = await ctx.DeclarationMaterials.AsNoTracking().FirstOrDefaultAsync(x => x.Id == materialId && x.DeclarationId == id, ct)
                ?? throw new NotFoundException("材料");
        return (m, await store.OpenAsync(m, ct));
    }

    public async Task DeleteMaterialAsync(Guid id, Guid materialId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Declaration.Edit);
        await using var ctx = db.Create(caller);
        var d = await ctx.Declarations.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("申报");
        RequireCounty(d.CountyCode);
        if (!Declaration.IsEditable(d.Status)) throw new DomainException(DeclarationErrors.MaterialsLocked, "申报已提交，不能再更换材料。", 409);
        var m = await ctx.DeclarationMaterials.FirstOrDefaultAsync(x => x.Id == materialId && x.DeclarationId == id, ct) ?? throw new NotFoundException("材料");
        ctx.DeclarationMaterials.Remove(m);
        await ctx.SaveChangesAsync(ct);
        await store.DeleteAsync(m, ct); // after the audited removal: a failed save keeps the file
    }

    // ------------------------------------------------------------------ city

    public async Task RecommendAsync(Guid id, string opinion, CancellationToken ct = default)
    {
        caller.Require(Permissions.Declaration.Recommend);
        opinion = Flow.RequireReason(DeclarationTrigger.Recommend, opinion)!;
        await using var ctx = db.Create(caller);
        var d = await ctx.Declarations.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("申报");
        if (!CanRecommend(d.CountyCode)) throw new ForbiddenException("只有所属市可以推荐。");
        // DECL-07 (000 line 131 "各市商务局…于 5 月 10 日前…报省商务厅，逾期未申报的视为自动放弃"): the province's deadline binds
        // the city's submission (issue #14 item 9), unless the province reopened the window.
        var round = await ctx.DeclarationRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Year == d.Year, ct);
        if (round is not null && !round.AcceptsSubmissionOn(Today))
            throw new DomainException(DeclarationErrors.CityLate,
                $"已过报省截止日期（{(round.ReopenedUntil ?? round.ClosesOn):yyyy-MM-dd}），逾期未申报的视为自动放弃（DECL-07）。");
        d.Recommend(opinion.Trim());
        await ctx.SaveChangesAsync(ct);
    }

    public async Task ReturnAsync(Guid id, string reason, CancellationToken ct = default)
    {
        caller.Require(Permissions.Declaration.Recommend);
        reason = Flow.RequireReason(DeclarationTrigger.Return, reason)!;
        await using var ctx = db.Create(caller);
        var d = await ctx.Declarations.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("申报");
        if (!CanRecommend(d.CountyCode)) throw new ForbiddenException("只有所属市可以退回。");
        d.Return(reason.Trim());
        await ctx.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The city sets its counties' deadline for a round (DECL-07; issue #14 item 9): within the round and no later than
    /// the province's date, which binds the city's own submission.
    /// </summary>
    public async Task<DateOnly?> SetCityDeadlineAsync(int year, string cityCode, DateOnly? closesOn, CancellationToken ct = default)
    {
        caller.Require(Permissions.Declaration.Recommend);
        if (regions.Find(cityCode) is not { Level: RegionLevel.City } || !caller.Scope.IsCity || caller.Scope.CityCode != cityCode)
            throw new ForbiddenException("县级申报截止日期由所在市设定。");
        await using var ctx = db.Create(caller);
        var round = await ctx.DeclarationRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Year == year, ct)
                    ?? throw new DomainException(DeclarationErrors.RoundNotOpen, $"{year} 年度申报尚未开放。");
        if (closesOn is { } c && (c < round.OpensOn || c > round.ClosesOn))
            throw new DomainException(DeclarationErrors.CityDeadlineInvalid,
                $"县级申报截止日期应在申报期内（{round.OpensOn:yyyy-MM-dd} 至 {round.ClosesOn:yyyy-MM-dd}），不能晚于报省截止日期。");
        var row = await ctx.DeclarationCityDeadlines.FirstOrDefaultAsync(x => x.Year == year && x.CityCode == cityCode, ct);
        if (closesOn is null) { if (row is not null) ctx.DeclarationCityDeadlines.Remove(row); }
        else
        {
            if (row is null) ctx.DeclarationCityDeadlines.Add(row = new DeclarationCityDeadline { Year = year, CityCode = cityCode });
            row.ClosesOn = closesOn.Value; row.UpdatedAt = clock.GetUtcNow(); row.UpdatedBy = caller.UserId;
        }
        await ctx.SaveChangesAsync(ct);
        return closesOn;
    }

    // ------------------------------------------------------------------ province

    public async Task<RoundView?> GetRoundAsync(int year, CancellationToken ct = default)
    {
        await using var ctx = db.Create(caller);
        var r = await ctx.DeclarationRounds.AsNoTracking().FirstOrDefaultAsync(x => x.Year == year, ct);
        return r is null ? null : ToView(r);
    }

    public async Task SaveRoundAsync(int year, RoundInput input, CancellationToken ct = default)
    {
        RequireProvince();
        Platform.Validation.InputLimits.RequireProgrammeYear(year);
        var sheet = input.ScoringSheet ?? BuiltInSheet;
        if (input.ClosesOn < input.OpensOn) throw Required("closesOn", "截止日期不能早于开始日期。");
        if (input.NoticeWorkingDays is < 1 or > 30) throw Required("noticeWorkingDays", "公示期应为 1–30 个工作日（默认 5 个）。");
        if (sheet.Count == 0 || sheet.Sum(c => c.Weight) != 100 || sheet.Any(c => c.Weight <= 0 || string.IsNullOrWhiteSpace(c.Code)))
            throw Required("scoringSheet", "评分表各项权重须为正数且合计为 100。");
        await using var ctx = db.Create(caller);
        var r = await ctx.DeclarationRounds.FirstOrDefaultAsync(x => x.Year == year, ct);
        if (r is null) { r = new DeclarationRound { Year = year }; ctx.DeclarationRounds.Add(r); }
        else if (r.IsFinalised) throw new DomainException(DeclarationErrors.RoundFinalised, "该年度评审已结束，不能修改。", 409);
        if (r.NoticeStartsOn is not null && r.ScoringSheetJson != JsonSerializer.Serialize(sheet))
            throw new DomainException(DeclarationErrors.ScoreSheetLocked, "公示开始后不能修改评分表。", 409);
        r.OpensOn = input.OpensOn; r.ClosesOn = input.ClosesOn; r.ReopenedUntil = input.ReopenedUntil;
        r.NoticeWorkingDays = input.NoticeWorkingDays; r.ScoringSheetJson = JsonSerializer.Serialize(sheet);
        await ctx.SaveChangesAsync(ct);
    }

    static IReadOnlyList<ScoringCriterion> BuiltInSheet => DeclarationRound.DefaultSheet;

    public async Task AssignExpertsAsync(Guid id, IReadOnlyCollection<Guid> expertUserIds, CancellationToken ct = default)
    {
        RequireProvince();
        if (expertUserIds.Count == 0) throw Required("experts", "请至少选择一名评审专家。");
        await using var ctx = db.Create(caller);
        var d = await ctx.Declarations.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("申报");
        var experts = await ExpertIdsAsync(ctx, ct);
        var invalid = expertUserIds.Where(e => !experts.Contains(e)).ToList();
        if (invalid.Count > 0) throw new DomainException(DeclarationErrors.NotAnExpert, "所选用户不是评审专家。");
        d.StartReview();
        var existing = await ctx.ExpertScores.Where(s => s.DeclarationId == id).Select(s => s.ExpertUserId).ToListAsync(ct);
        foreach (var e in expertUserIds.Except(existing))
            ctx.ExpertScores.Add(new ExpertScore { DeclarationId = id, CountyCode = d.CountyCode, ExpertUserId = e, AssignedAt = clock.GetUtcNow() });
        await ctx.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<(Guid Id, string Name)>> ExpertsAsync(CancellationToken ct = default)
    {
        RequireProvince();
        await using var ctx = db.Create(caller);
        var ids = await ExpertIdsAsync(ctx, ct);
        return (await ctx.Users.Where(u => ids.Contains(u.Id) && u.IsActive).OrderBy(u => u.UserName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
            .Select(u => (u.Id, u.DisplayName)).ToList();
    }

    static async Task<HashSet<Guid>> ExpertIdsAsync(EtownDbContext ctx, CancellationToken ct)
    {
        var roleIds = ctx.RoleClaims.Where(c => c.ClaimType == Permissions.ClaimType && c.ClaimValue == Permissions.Declaration.ReviewScore).Select(c => c.RoleId);
        return (await ctx.UserRoles.Where(ur => roleIds.Contains(ur.RoleId)).Select(ur => ur.UserId).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>An expert scores each criterion 0–100; the weighted total and the declaration's average follow.</summary>
    public async Task ScoreAsync(Guid id, ScoreInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Declaration.ReviewScore);
        await using var ctx = db.Create(caller);
        var d = await ctx.Declarations.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("申报");
        if (d.Status != DeclarationStatus.UnderReview) throw new DomainException(DeclarationErrors.NotUnderReview, "该申报不在专家评审阶段。", 409);
        var mine = await ctx.ExpertScores.FirstOrDefaultAsync(s => s.DeclarationId == id && s.ExpertUserId == caller.UserId, ct)
                   ?? throw new ForbiddenException("您不是该申报的评审专家。");
        var round = await ctx.DeclarationRounds.FirstOrDefaultAsync(r => r.Year == d.Year, ct);
        var sheet = round?.ScoringSheet ?? BuiltInSheet;
        var errors = new Dictionary<string, List<string>>();
        foreach (var c in sheet)
            if (!input.Scores.TryGetValue(c.Code, out var v)) errors[c.Code] = [$"请为“{c.Label}”评分。"];
            else if (v is < 0 or > 100) errors[c.Code] = [$"“{c.Label}”的分数应在 0–100 之间。"];
        ValidationFailedException.ThrowIfAny(errors);
        mine.ScoresJson = JsonSerializer.Serialize(sheet.ToDictionary(c => c.Code, c => input.Scores[c.Code]));
        mine.Total = Math.Round(sheet.Sum(c => input.Scores[c.Code] * c.Weight) / 100m, 2);
        mine.Comment = input.Comment?.Trim();
        mine.ScoredAt = clock.GetUtcNow();
        await ctx.SaveChangesAsync(ct);
        await RecomputeRankingAsync(ctx, d.Year, ct);
    }

    /// <summary>
    /// DECL-01 "优先重点支持国家电子商务进农村综合示范县" (000 line 103; issue #14 item 8): the rank orders by the experts'
    /// average; at an equal average a national demo county (the region catalogue's flag) ranks before a county that is not.
    /// Otherwise ties share a rank. Pure; <see cref="RecomputeRankingAsync"/> applies it.
    /// </summary>
    public static IReadOnlyDictionary<Guid, int?> Ranks(IReadOnlyList<(Guid Id, decimal? Average, bool NationalDemo)> scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var withScore = scored.Where(x => x.Average is not null).ToList();
        return scored.ToDictionary(x => x.Id, x => x.Average is { } avg
            ? withScore.Count(o => o.Average > avg || (o.Average == avg && o.NationalDemo && !x.NationalDemo)) + 1
            : (int?)null);
    }

    /// <summary>Average of the experts who have scored; rank among the round's scored declarations (DECL-01 priority at equal scores).</summary>
    async Task RecomputeRankingAsync(EtownDbContext ctx, int year, CancellationToken ct)
    {
        var decls = await ctx.Declarations.IgnoreQueryFilters().Where(x => x.Year == year).ToListAsync(ct);
        var ids = decls.Select(x => x.Id).ToList();
        var totals = (await ctx.ExpertScores.IgnoreQueryFilters().Where(s => ids.Contains(s.DeclarationId) && s.Total != null)
            .Select(s => new { s.DeclarationId, s.Total }).ToListAsync(ct))
            .GroupBy(s => s.DeclarationId).ToDictionary(g => g.Key, g => Math.Round(g.Average(x => x.Total!.Value), 2));
        foreach (var x in decls) x.AverageScore = totals.TryGetValue(x.Id, out var a) ? a : null;
        var ranks = Ranks(decls.Select(x => (x.Id, x.AverageScore, regions.Find(x.CountyCode)?.IsNationalDemoCounty == true)).ToList());
        foreach (var x in decls) x.Rank = ranks[x.Id];
        await ctx.SaveChangesAsync(ct);
    }

    public async Task DecideAsync(Guid id, bool list, string? note, CancellationToken ct = default)
    {
        RequireProvince();
        await using var ctx = db.Create(caller);
        var d = await ctx.Declarations.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("申报");
        if (list && !await ctx.ExpertScores.AnyAsync(s => s.DeclarationId == id && s.Total != null, ct))
            throw new DomainException(DeclarationErrors.NoScores, "尚无专家评分，不能决定入选。", 409);
        note = Flow.RequireReason(list ? DeclarationTrigger.List : DeclarationTrigger.Reject, note);
        d.Decide(list, note?.Trim());
        await ctx.SaveChangesAsync(ct);
    }

    /// <summary>Publishes the 公示 for every approved declaration of the round; the end date is N working days from the start (inclusive).</summary>
    public async Task<RoundView> StartNoticeAsync(int year, DateOnly startsOn, CancellationToken ct = default)
    {
        RequireProvince();
        await using var ctx = db.Create(caller);
        var r = await ctx.DeclarationRounds.FirstOrDefaultAsync(x => x.Year == year, ct) ?? throw new NotFoundException("申报年度");
        if (r.NoticeStartsOn is not null) throw new DomainException(DeclarationErrors.NoticeAlreadyPublished, "该年度已发布公示。", 409);
        var approved = await ctx.Declarations.Where(x => x.Year == year && x.Status == DeclarationStatus.Approved).ToListAsync(ct);
        if (approved.Count == 0) throw new DomainException(DeclarationErrors.NothingToNotice, "没有拟入选的申报，无需公示。", 409);
        if (await ctx.Declarations.AnyAsync(x => x.Year == year && (x.Status == DeclarationStatus.UnderReview || x.Status == DeclarationStatus.Recommended), ct))
            throw new DomainException(DeclarationErrors.UndecidedDeclarations, "仍有申报未作出评审决定，请先全部决定后再公示。", 409);
        foreach (var d in approved) d.StartNotice();
        r.NoticeStartsOn = startsOn;
        r.NoticeEndsOn = calendar.PeriodEnd(startsOn, r.NoticeWorkingDays);
        await ctx.SaveChangesAsync(ct);
        return ToView(r);
    }

    public async Task<Guid> RecordObjectionAsync(Guid id, string text, string? submitter, CancellationToken ct = default)
    {
        RequireProvince();
        if (string.IsNullOrWhiteSpace(text)) throw Required("text", "请填写异议内容。");
        await using var ctx = db.Create(caller);
        var d = await ctx.Declarations.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("申报");
        if (d.Status != DeclarationStatus.InNotice) throw new DomainException(DeclarationErrors.NotInNotice, "只能对公示中的申报登记异议。", 409);
        var o = new Objection { DeclarationId = id, CountyCode = d.CountyCode, Text = text.Trim(), Submitter = submitter?.Trim(), ReceivedAt = clock.GetUtcNow() };
        ctx.Objections.Add(o);
        await ctx.SaveChangesAsync(ct);
        return o.Id;
    }

    public async Task ResolveObjectionAsync(Guid id, Guid objectionId, bool sustained, string resolution, CancellationToken ct = default)
    {
        RequireProvince();
        if (string.IsNullOrWhiteSpace(resolution)) throw Required("resolution", "请填写处理意见。");
        await using var ctx = db.Create(caller);
        var o = await ctx.Objections.FirstOrDefaultAsync(x => x.Id == objectionId && x.DeclarationId == id, ct) ?? throw new NotFoundException("异议");
        if (o.Sustained is not null) throw new DomainException(DeclarationErrors.ObjectionHandled, "该异议已处理。", 409);
        o.Sustained = sustained; o.Resolution = resolution.Trim();
        if (sustained)
        {
            var d = await ctx.Declarations.FirstAsync(x => x.Id == id, ct);
            d.SustainObjection("公示异议成立：" + resolution.Trim());
        }
        await ctx.SaveChangesAsync(ct);
    }

    /// <summary>
    /// After the last notice day, with every objection handled, the declarations still in notice are
    /// listed: each becomes an e-town (status 已入选) linked to its declaration and approved targets.
    /// </summary>
    public async Task<int> FinaliseAsync(int year, CancellationToken ct = default)
    {
        RequireProvince();
        await using var ctx = db.Create(caller);
        var r = await ctx.DeclarationRounds.FirstOrDefaultAsync(x => x.Year == year, ct) ?? throw new NotFoundException("申报年度");
        if (r.IsFinalised) throw new DomainException(DeclarationErrors.ListFinalised, "该年度入选名单已确认。", 409);
        if (r.NoticeEndsOn is not { } end) throw new DomainException(DeclarationErrors.NoNotice, "尚未发布公示。", 409);
        if (Today <= end) throw new DomainException(DeclarationErrors.NoticeNotOver, $"公示期至 {end:yyyy-MM-dd} 结束，期满后方可确认入选。", 409);
        var inNotice = await ctx.Declarations.Where(x => x.Year == year && x.Status == DeclarationStatus.InNotice).ToListAsync(ct);
        var ids = inNotice.Select(x => x.Id).ToList();
        if (await ctx.Objections.AnyAsync(o => ids.Contains(o.DeclarationId) && o.Sustained == null, ct))
            throw new DomainException(DeclarationErrors.OpenObjections, "仍有未处理的公示异议。", 409);
        foreach (var d in inNotice)
        {
            var f = d.Form;
            var e = new Etown
            {
                Name = d.ProjectName, CountyCode = d.CountyCode, PlannedAreaKm2 = f.PlannedAreaKm2, FloorAreaM2 = f.FloorAreaM2,
                BoundaryText = f.BoundaryText, LeadingIndustries = f.LeadingIndustries, FeaturedProducts = f.FeaturedProducts,
                Address = f.Address, BatchYear = year, DeclarationId = d.Id,
            };
            e.ChangeStatus(EtownStatus.Listed);
            ctx.Etowns.Add(e);
            await Statistics.StatDataSets.AssignDefaultsAsync(ctx, e, ct); // STAT-02: a listed e-town owes both reports
            d.CompleteListing(e.Id);
        }
        r.IsFinalised = true;
        await ctx.SaveChangesAsync(ct);
        return inNotice.Count;
    }

    // ------------------------------------------------------------------ province view

    /// <summary>
    /// Per city: declarations by status and the DECL-02 quota — counties declaring two e-towns may
    /// not exceed 30% of the city's county-level units (rounded down).
    /// </summary>
    public async Task<IReadOnlyList<CityOverview>> OverviewAsync(int year, CancellationToken ct = default)
    {
        caller.Require(Permissions.Declaration.Read);
        await using var ctx = db.Create(caller);
        var rows = await ctx.Declarations.AsNoTracking().Where(d => d.Year == year)
            .Select(d => new { d.CountyCode, d.Status }).ToListAsync(ct);
        var active = rows.Where(r => r.Status is not (DeclarationStatus.Draft or DeclarationStatus.Rejected or DeclarationStatus.Withdrawn)).ToList();
        return regions.Cities.Where(c => caller.Scope.IsProvince || caller.Scope.IsInCity(c.Code))
            .Select(c =>
            {
                var prefix = c.Code[..4];
                var mine = rows.Where(r => r.CountyCode.StartsWith(prefix, StringComparison.Ordinal)).ToList();
                var units = regions.CountiesOf(c.Code).Count();
                var withTwo = active.Where(r => r.CountyCode.StartsWith(prefix, StringComparison.Ordinal)).GroupBy(r => r.CountyCode).Count(g => g.Count() >= 2);
                return new CityOverview(c.Code, c.Name, units, QuotaForTwo(units), withTwo,
                    mine.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count()), mine.Count);
            }).ToList();
    }

    /// <summary>The province's ranking table: reviewed declarations with every expert's weighted total.</summary>
    public async Task<IReadOnlyList<RankingRow>> RankingAsync(int year, CancellationToken ct = default)
    {
        RequireProvince();
        await using var ctx = db.Create(caller);
        var decls = await ctx.Declarations.AsNoTracking()
            .Where(d => d.Year == year && d.Status != DeclarationStatus.Draft && d.Status != DeclarationStatus.Submitted && d.Status != DeclarationStatus.Returned)
            .ToListAsync(ct);
        var ids = decls.Select(d => d.Id).ToList();
        var scores = await ctx.ExpertScores.AsNoTracking().Where(s => ids.Contains(s.DeclarationId)).ToListAsync(ct);
        var expertIds = scores.Select(s => s.ExpertUserId).Distinct().ToList();
        var names = await ctx.Users.Where(u => expertIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return decls.OrderBy(d => d.Rank ?? int.MaxValue).ThenBy(d => d.CountyCode).Select(d =>
        {
            var row = ToRow(d);
            return new RankingRow(row, scores.Where(s => s.DeclarationId == d.Id)
                .Select(s => new ExpertScoreRow(s.ExpertUserId, names.GetValueOrDefault(s.ExpertUserId, "?"), s.Total, null, s.Comment, s.ScoredAt)).ToList());
        }).ToList();
    }

    /// <summary>DECL-02: at most 30% of a city's county-level units may declare two (6 units → 1).</summary>
    public static int QuotaForTwo(int countyUnits) => (int)Math.Floor(countyUnits * 0.3m);

    // ------------------------------------------------------------------ helpers

    // Who may act on a declaration is decided by DeclarationAuthorizationHandler, the same call the pages make.
    static ApprovalFlow<DeclarationStatus, DeclarationTrigger> Flow => DeclarationWorkflow.Definition;

    bool CanEdit(string countyCode) => auth.Can(DeclarationOperations.Edit, new DeclarationResource(countyCode));
    bool CanRecommend(string countyCode) => auth.Can(DeclarationOperations.Recommend, new DeclarationResource(countyCode));
    bool CanManageReview() => auth.Can(DeclarationOperations.ManageReview, DeclarationResource.Any);

    /// <summary>DECL-02: the applicant is the county government — only the county itself drafts and submits.</summary>
    void RequireCounty(string countyCode) => auth.Require(DeclarationOperations.ActAsApplicant, new DeclarationResource(countyCode));

    void RequireProvince() => auth.Require(DeclarationOperations.ManageReview, DeclarationResource.Any);

    static ValidationFailedException Required(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });

    RoundView ToView(DeclarationRound r) => new(r.Year, r.OpensOn, r.ClosesOn, r.ReopenedUntil, r.NoticeWorkingDays, r.ScoringSheet,
        r.NoticeStartsOn, r.NoticeEndsOn, r.IsFinalised, r.AcceptsSubmissionOn(Today));

    DeclarationRow ToRow(Declaration d)
    {
        var county = regions.Find(d.CountyCode);
        return new DeclarationRow(d.Id, d.Year, d.ProjectName, d.CountyCode, county?.Name ?? d.CountyCode, regions.NameOf(county?.ParentCode),
            d.Status, Declaration.StatusLabel(d.Status), d.SubmittedAt, d.AverageScore, d.Rank, d.EtownId);
    }
}
