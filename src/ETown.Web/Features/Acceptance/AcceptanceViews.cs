namespace ETown.Web.Features.Acceptance;

public sealed record ApplicationInput(Guid EtownId, AcceptanceScope? Scope, string? Title, Guid? ContractId, IReadOnlyList<int>? StandardItems,
    decimal? ClaimedProgressPercent);

public sealed record PreCheckInput(AcceptanceTeamKind? TeamKind, string? TeamMembers, DateOnly? ReviewPlannedOn, string? ReviewPlace);

public sealed record RefusalInput(string? Reason);

public sealed record CheckLineInput(CheckLineKind? Kind, int? ItemNumber, string? Description, CheckResult? Result, string? Note);

public enum AcceptanceConclusion { Pass, Fail }

public sealed record ReviewInput(DateOnly? ReviewedOn, IReadOnlyList<string>? Methods, IReadOnlyList<CheckLineInput>? Lines, AcceptanceConclusion? Conclusion,
    decimal? AcceptedProgressPercent, string? Opinion, string? RectificationOpinions, int? RectificationWorkingDays);

public sealed record AnswerInput(string? Answer);

public sealed record NoticeInput(DateOnly? StartsOn);

public sealed record ObjectionInput(string? Text);

public enum FilingLevel { City, Province }

public sealed record FilingInput(FilingLevel? Level);

public sealed record NoticeSettingInput(int? NoticeWorkingDays);

public sealed record NoticeSettingView(string CountyCode, int NoticeWorkingDays, bool IsDefault);

public sealed record ContractOption(Guid Id, string Number, string Title, decimal Amount, string OperatorName, decimal AcceptedProgressPercent);

/// <summary>One condition of the preliminary check (ACC-02) and whether it holds.</summary>
public sealed record PreCheckCondition(string Code, string Label, bool Met, string Detail);

public sealed record AcceptanceRow(Guid Id, Guid EtownId, string EtownName, string CountyCode, AcceptanceScope Scope, string ScopeLabel, string Title,
    string? ContractNumber, decimal ClaimedProgressPercent, decimal? AcceptedProgressPercent, DateOnly SubmittedOn, DateOnly ReviewDeadline,
    int WorkingDaysLeft, bool Overdue, AcceptanceStatus Status, string StatusLabel, DateOnly? NoticeStartsOn, DateOnly? NoticeEndsOn, string NoticeLabel,
    bool EtownAccepted);

public sealed record MaterialRow(Guid Id, AcceptanceMaterialKind Kind, string KindLabel, string FileName, long Size, string Sha256, DateTimeOffset UploadedAt, string? UploadedBy);

public sealed record CheckLineRow(int Round, CheckLineKind Kind, int? ItemNumber, string Description, CheckResult Result, string ResultLabel, string? Note);

public sealed record ObjectionRow(Guid Id, string Text, string? RaisedBy, DateOnly RaisedOn, string? Answer, DateTimeOffset? AnsweredAt, string? AnsweredBy);

/// <summary>What the caller may do next (for the page's buttons; the service checks again).</summary>
public sealed record AcceptanceActions(bool UploadMaterials, bool PreCheck, bool Review, bool AnswerRectification, bool PublishNotice, bool Object,
    bool AnswerObjections, bool FileCity, bool FileProvince, bool AcknowledgeCity, bool AcknowledgeProvince, bool Finalise,
    bool ProvincialAccept = false);

public sealed record AcceptanceDetail(AcceptanceRow Row, IReadOnlyList<int> StandardItems, string? ContractTitle, string? SubmittedBy, string? ApplicantOrganisation,
    DateTimeOffset? PreCheckedAt, string? PreCheckedBy, string? RefusalReason, AcceptanceTeamKind? TeamKind, string? TeamMembers, DateOnly? ReviewPlannedOn,
    string? ReviewPlace, int Round, DateOnly? ReviewedOn, bool ConcludedLate, IReadOnlyList<string> Methods, string? Opinion, string? RectificationOpinions,
    DateOnly? RectificationDeadline, string? RectificationAnswer, DateOnly? RectificationAnsweredOn, int? NoticeWorkingDays,
    DateTimeOffset? CityFiledAt, DateTimeOffset? CityAcknowledgedAt, string? CityAcknowledgedBy, DateTimeOffset? ProvinceFiledAt,
    DateTimeOffset? ProvinceAcknowledgedAt, string? ProvinceAcknowledgedBy, DateTimeOffset? EtownAcceptedAt,
    IReadOnlyList<MaterialRow> Materials, IReadOnlyList<CheckLineRow> Lines, IReadOnlyList<ObjectionRow> Objections, AcceptanceActions Can,
    ProvincialAcceptanceRow? Provincial = null);

public sealed record NoticeRow(Guid Id, string EtownName, string Title, string ScopeLabel, decimal? AcceptedProgressPercent, DateOnly StartsOn, DateOnly EndsOn);
