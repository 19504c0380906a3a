using ETown.Web.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ETown.Web.Features.Statistics.CityReport;

/// <summary>The city monthly report (SUP-07, issue #4 item 8): .docx and its .xlsx annex.</summary>
public static class CityReportEndpoints
{
    static string P(string permission) => PermissionPolicyProvider.Prefix + permission;

    public static void MapCityReportEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/statistics").WithTags("统计监测");
        g.MapGet("/city-report.docx", async Task<FileContentHttpResult> (string cityCode, string period, CityMonthlyReport r, CancellationToken ct) =>
            {
                var d = await r.BuildAsync(cityCode, period, ct);
                return TypedResults.File(CityReportDocx.Render(d), CityReportDocx.ContentType, CityReportDocx.FileName(d));
            })
            .RequireAuthorization(P(Permissions.Statistics.CityReportGenerate))
            .WithSummary("生成市级月度进展报告（Word）：《XX市乡村e镇建设工作进展情况报告》，仅用经县级审核的数据");
        g.MapGet("/city-report.xlsx", async Task<FileContentHttpResult> (string cityCode, string period, CityMonthlyReport r, CancellationToken ct) =>
            {
                var d = await r.BuildAsync(cityCode, period, ct);
                return TypedResults.File(CityReportXlsx.Render(d), CityReportXlsx.ContentType, CityReportXlsx.FileName(d));
            })
            .RequireAuthorization(P(Permissions.Statistics.CityReportGenerate))
            .WithSummary("市级月度进展报告附件（Excel）：各e镇全部指标、报送情况、全市汇总");
    }
}
