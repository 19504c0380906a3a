using ETown.Web.Platform;
using ETown.Web.Platform.Attachments;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Funds;

/// <summary>
/// A file of the funds module kept by the platform's <see cref="AttachmentStore"/>: a payment request material (FUND-07,
/// 资金申请表、合同、发票、建设进度、阶段验收报告) uploaded by the operator on its contract and then bound to the request that
/// uses it, or an operator selection document (遴选文件, FUND-10) uploaded by the county. E-town owned: only those who see
/// the e-town's funds see (and may download) it.
/// </summary>
public class FundDocument : IEtownOwned, IStoredFile, ICreatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public string CountyCode { get; set; } = "";
    /// <summary>Set for a payment material (the contract it was uploaded on).</summary>
    public Guid? ContractId { get; set; }
    /// <summary>Set once a request uses the material (one file serves one request).</summary>
    public Guid? PaymentRequestId { get; set; }
    /// <summary>Set for an operator selection document.</summary>
    public Guid? OperatorId { get; set; }
    /// <summary>The material kind; null for a selection document.</summary>
    public PaymentMaterial? Material { get; set; }
    public Guid? UploadedByOrganisationId { get; set; }
    public string UploadedBy { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public string StoragePath { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed record FundFileView(Guid Id, PaymentMaterial? Material, string Label, string FileName, long Size, string Sha256, string UploadedBy,
    DateTimeOffset UploadedAt, Guid? PaymentRequestId)
{
    public string DownloadUrl => $"/api/v1/funds/documents/{Id}";
}

/// <summary>
/// Uploads and downloads of the funds module's files (FUND-07 materials, FUND-10 selection documents). The store sniffs
/// the type by content, limits the size and the zip inflation, and re-checks the SHA-256 on every download; a refused
/// file writes nothing (no row, no file).
/// </summary>
public sealed class FundFileService(EtownDb db, Caller caller, Authorizer auth, AttachmentStore store)
{
    /// <summary>Payment materials and selection documents: PDF, OFD, Word, Excel or a scan (PNG/JPG), ≤ 20 MB.</summary>
    public static AttachmentPolicy Policy => AttachmentPolicy.Materials;

    /// <summary>The operator uploads one material on its contract, before it requests (FUND-07).</summary>
    public async Task<FundFileView> UploadMaterialAsync(Guid contractId, PaymentMaterial kind, Stream content, string? fileName, string? contentType, CancellationToken ct = default)
    {
        caller.Require(Permissions.Fund.PaymentRequest);
        if (!Enum.IsDefined(kind)) throw FundsService.Invalid("kind", "材料类别无效。");
        await using var ctx = db.Create(caller);
        var c = await ctx.FundContracts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == contractId, ct) ?? throw new NotFoundException("合同");
        auth.Require(FundOperations.RequestPayment, new FundResource(c.CountyCode, c.EtownId, c.OperatorOrganisationId));
        var d = new FundDocument { EtownId = c.EtownId, CountyCode = c.CountyCode, ContractId = c.Id, Material = kind };
        return await StoreAsync(ctx, d, content, fileName, contentType, ct);
    }

    /// <summary>The county uploads a selection document (招标/磋商/谈判文件、成交通知书…) of an operator (FUND-10).</summary>
    public async Task<FundFileView> UploadSelectionDocumentAsync(Guid operatorId, Stream content, string? fileName, string? contentType, CancellationToken ct = default)
    {
        caller.Require(Permissions.Fund.OperatorEdit);
        await using var ctx = db.Create(caller);
        var op = await ctx.FundOperators.AsNoTracking().FirstOrDefaultAsync(x => x.Id == operatorId, ct) ?? throw new NotFoundException("承办主体");
        auth.Require(FundOperations.EditOperator, new FundResource(op.CountyCode, op.EtownId));
        var d = new FundDocument { EtownId = op.EtownId, CountyCode = op.CountyCode, OperatorId = op.Id };
        return await StoreAsync(ctx, d, content, fileName, contentType, ct);
    }

    /// <summary>Opens a file the caller may see (outside the scope it does not exist: 404); the store checks the SHA-256.</summary>
    public async Task<(Stream Content, FundDocument File)> OpenAsync(Guid id, CancellationToken ct = default)
    {
        caller.Require(Permissions.Fund.Read);
        await using var ctx = db.Create(caller);
        var d = await ctx.FundDocuments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("文件");
        // A material not yet used by a request is the uploader's draft: only its organisation and the county see it.
        if (d.PaymentRequestId is null && d.ContractId is not null && d.UploadedByOrganisationId != caller.OrganisationId
            && !(caller.Scope.IsCounty && caller.Scope.CountyCode == d.CountyCode))
            throw new NotFoundException("文件");
        return (await store.OpenAsync(d, ct), d);
    }

    async Task<FundFileView> StoreAsync(EtownDbContext ctx, FundDocument d, Stream content, string? fileName, string? contentType, CancellationToken ct)
    {
        var stored = await store.SaveAsync(content, fileName, contentType, Policy, ct);
        d.FileName = stored.FileName;
        d.ContentType = stored.ContentType;
        d.Size = stored.Size;
        d.Sha256 = stored.Sha256;
        d.StoragePath = stored.StoragePath;
        d.UploadedByOrganisationId = caller.OrganisationId;
        d.UploadedBy = caller.DisplayName ?? caller.UserName ?? "";
        ctx.FundDocuments.Add(d);
        try { await ctx.SaveChangesAsync(ct); }
        catch
        {
            await store.DeleteAsync(stored, CancellationToken.None); // no row, no file
            throw;
        }
        return ToView(d);
    }

    internal static FundFileView ToView(FundDocument d) => new(d.Id, d.Material, d.Material is { } m ? FundLabels.Of(m) : "遴选文件", d.FileName, d.Size, d.Sha256,
        d.UploadedBy, d.CreatedAt, d.PaymentRequestId);
}
