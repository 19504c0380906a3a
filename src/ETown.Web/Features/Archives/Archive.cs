using ETown.Web.Platform.Attachments;
using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Archives;

/// <summary>
/// ARCH-01 stages of an e-town's archive (省方案 四(九) 建立档案；临猗 第十八条 "项目审核公示、建设实施、监督管理、考核验收及资金拨付使用等各环节").
/// The order is the order of the archive (and of the bundle's folders).
/// </summary>
public enum ArchiveStage { Declaration, Plan, Contract, Funds, Supervision, Acceptance, Evaluation, Publicity, Signage }

/// <summary>
/// One entry of the required-documents checklist (ARCH-01): a document type of one stage, the clause it rests on and its
/// retention period. Reference data seeded by the module (<see cref="ArchiveChecklist.Defaults"/>), editable by the province
/// (each edit bumps <see cref="Version"/>; documents already archived keep the retention computed when they were filed).
/// </summary>
public class ArchiveChecklistItem : IProvinceWide, IUpdatedAt, IVersioned
{
    /// <summary>Stable key ("decl.form"); producers file their documents under it.</summary>
    public required string Key { get; set; }
    public ArchiveStage Stage { get; set; }
    public required string Title { get; set; }
    /// <summary>The clause the entry rests on, cited as in the originals ("临猗 第十七条").</summary>
    public required string Clause { get; set; }
    /// <summary>Counts in the stage's completeness (x/y); optional entries are filed when they exist.</summary>
    public bool Required { get; set; }
    /// <summary>Retention in years from the document's date; null = 永久.</summary>
    public int? RetentionYears { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
    public int Version { get; set; }
    public string? UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A document uploaded into an e-town's archive (the ones no module produces: tender files, vouchers, audit reports,
/// notices …), stored by the AttachmentStore. It cannot be deleted before <see cref="RetainUntil"/> (ARCH-01).
/// </summary>
public class ArchiveDocument : IEtownOwned, IStoredFile, ICreatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public required string ItemKey { get; set; }
    public ArchiveStage Stage { get; set; }
    public required string Title { get; set; }
    public DateOnly DocumentDate { get; set; }
    /// <summary>Last day of the retention period, fixed when filed (later checklist edits do not shorten it); null = 永久.</summary>
    public DateOnly? RetainUntil { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required string StoragePath { get; set; }
    public string? UploadedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// The unified signage (统一标识) of an e-town: 省方案 四(九) "要在乡村e镇醒目位置，按照地标的理念设立乡村e镇标识" — where it stands,
/// since when, and a photo (JPG/PNG by content).
/// </summary>
public class EtownSignage : IEtownOwned, IStoredFile, ICreatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public required string Location { get; set; }
    public DateOnly InstalledOn { get; set; }
    public string? Description { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required string StoragePath { get; set; }
    public string? RecordedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
