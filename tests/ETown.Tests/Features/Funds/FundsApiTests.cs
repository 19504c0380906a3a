using System.Net;
using DocumentFormat.OpenXml.Packaging;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Funds;
using ETown.Web.Features.Organisations;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ETown.Tests.Features.Funds.FundsKit;

namespace ETown.Tests.Features.Funds;

/// <summary>Funds through the API on every configured database: each rule at, below and above its boundary; nothing written on refusal.</summary>
public class FundsApiTests(FundsApps apps) : IClassFixture<FundsApps>
{
    static async Task AssertRefused(HttpResponseMessage r, string code)
    {
        Assert.True(r.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict, $"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        Assert.Equal(code, await r.ProblemCodeAsync());
    }

    static async Task<Guid> OkId(HttpResponseMessage r)
    {
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return (await r.JsonAsync()).GetProperty("id").GetGuid();
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-04")]
    public async Task Fund04_StartUp_AtBelowAndAbove30Percent(string provider)
    {
        var app = apps[provider];
        var op = await app.SignInAsync("operator");
        var c1 = await NewContractAsync(app, 100m);
        var c2 = await NewContractAsync(app, 100m);
        var over = await RequestAsync(op, c1, PaymentKind.StartUp, 30.01m);
        await AssertRefused(over, FundsErrors.StartUpAboveShare);
        Assert.Contains("30%", (await over.JsonAsync()).GetProperty("detail").GetString());
        Assert.Empty(await PaymentsAsync(app, c1)); // refused: nothing written
        await OkId(await RequestAsync(op, c1, PaymentKind.StartUp, 30.00m));
        await OkId(await RequestAsync(op, c2, PaymentKind.StartUp, 29.99m));
        // The start-up payment is the first one only.
        await AssertRefused(await RequestAsync(op, c2, PaymentKind.StartUp, 0.01m), FundsErrors.StartUpNotFirst);
        Assert.Single(await PaymentsAsync(app, c2));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-05")]
    [Trait("Rule", "FUND-06")]
    public async Task Fund05_06_ProgressRetentionAndFinal_FollowAcceptedProgressAndItsNotice(string provider)
    {
        var app = apps[provider];
        var op = await app.SignInAsync("operator");
        var c = await NewContractAsync(app, 100m);
        var today = app.Services.GetRequiredService<TimeProvider>().ChinaToday();
        var calendar = app.Services.GetRequiredService<WorkingCalendar>();
        var longAgo = today.AddDays(-60);
        await OkId(await RequestAsync(op, c, PaymentKind.StartUp, 30m));

        // No acceptance yet: no progress payment at all.
        await AssertRefused(await RequestAsync(op, c, PaymentKind.Progress, 0.01m), FundsErrors.AboveAcceptedProgress);
        FundsPortsTestModule.Acceptances[c] = [new(Guid.NewGuid(), "第一阶段验收", 60m, false, longAgo, longAgo, calendar.PeriodEnd(longAgo, 5), false)];
        await AssertRefused(await RequestAsync(op, c, PaymentKind.Progress, 30.01m), FundsErrors.AboveAcceptedProgress);
        await OkId(await RequestAsync(op, c, PaymentKind.Progress, 29.99m));
        await OkId(await RequestAsync(op, c, PaymentKind.Progress, 0.01m)); // cumulative exactly 60

        // FUND-06: a 100 % stage acceptance whose notice ends today (or later) does not count yet; ended before today it does.
        var endsToday = today.AddDays(-14);
        while (calendar.PeriodEnd(endsToday, 5) < today) endsToday = endsToday.AddDays(1);
        var endedYesterday = today.AddDays(-20);
        while (calendar.PeriodEnd(endedYesterday.AddDays(1), 5) < today) endedYesterday = endedYesterday.AddDays(1);
        Assert.True(calendar.PeriodEnd(endedYesterday, 5) < today && calendar.PeriodEnd(endsToday, 5) >= today);
        FundsPortsTestModule.Acceptances[c] = [.. FundsPortsTestModule.Acceptances[c], new(Guid.NewGuid(), "第二阶段验收", 100m, false, today, endsToday, calendar.PeriodEnd(endsToday, 5), false)];
        await AssertRefused(await RequestAsync(op, c, PaymentKind.Progress, 10m), FundsErrors.NoticeNotEnded);
        FundsPortsTestModule.Acceptances[c] = [FundsPortsTestModule.Acceptances[c][0], new(Guid.NewGuid(), "第二阶段验收", 100m, false, today, endedYesterday, calendar.PeriodEnd(endedYesterday, 5), true)];
        await AssertRefused(await RequestAsync(op, c, PaymentKind.Progress, 10m), FundsErrors.NoticeNotEnded); // open objection
        FundsPortsTestModule.Acceptances[c] = [FundsPortsTestModule.Acceptances[c][0], new(Guid.NewGuid(), "第二阶段验收", 100m, false, today, endedYesterday, calendar.PeriodEnd(endedYesterday, 5), false)];

        // 10 % retained: cumulative at most 90 until the final acceptance's notice has ended.
        await AssertRefused(await RequestAsync(op, c, PaymentKind.Progress, 30.01m), FundsErrors.RetentionHeld);
        await OkId(await RequestAsync(op, c, PaymentKind.Progress, 29.99m));
        await OkId(await RequestAsync(op, c, PaymentKind.Progress, 0.01m)); // exactly 90
        await AssertRefused(await RequestAsync(op, c, PaymentKind.Final, 10m), FundsErrors.NoFinalAcceptance);
        FundsPortsTestModule.Acceptances[c] = [.. FundsPortsTestModule.Acceptances[c], new(Guid.NewGuid(), "整体验收", 100m, true, today, endsToday, calendar.PeriodEnd(endsToday, 5), false)];
        await AssertRefused(await RequestAsync(op, c, PaymentKind.Final, 10m), FundsErrors.NoticeNotEnded);
        FundsPortsTestModule.Acceptances[c] = [.. FundsPortsTestModule.Acceptances[c].SkipLast(1), new(Guid.NewGuid(), "整体验收", 100m, true, today, endedYesterday, calendar.PeriodEnd(endedYesterday, 5), false)];
        await AssertRefused(await RequestAsync(op, c, PaymentKind.Final, 10.01m), FundsErrors.AboveContract);
        await OkId(await RequestAsync(op, c, PaymentKind.Final, 10m));
        Assert.Equal(100m, (await PaymentsAsync(app, c)).Sum(p => p.Amount));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-06")]
    public async Task Fund06_OpenRectification_StopsPayments_UntilResolved(string provider)
    {
        var app = apps[provider];
        var op = await app.SignInAsync("operator");
        var c = await NewContractAsync(app, 100m);
        FundsPortsTestModule.Rectifications[c] = [new("验收整改", "专账不完整", null)];
        var r = await RequestAsync(op, c, PaymentKind.StartUp, 10m);
        await AssertRefused(r, FundsErrors.OpenRectification);
        Assert.Contains("专账不完整", (await r.JsonAsync()).GetProperty("detail").GetString());
        Assert.Empty(await PaymentsAsync(app, c));
        FundsPortsTestModule.Rectifications.TryRemove(c, out _);
        await OkId(await RequestAsync(op, c, PaymentKind.StartUp, 10m));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-07")]
    public async Task Fund07_RequestReviewApprovePay_WithMaterials_SeparationOfDuties_AndUniqueVoucher(string provider)
    {
        var app = apps[provider];
        var op = await app.SignInAsync("operator");
        var county = await app.SignInAsync("lucheng");
        var finance = await LuchengFinanceAsync(app);
        var c = await NewContractAsync(app, 200m);

        // Materials: start-up needs the application form and the contract.
        var missing = await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/contracts/{c}/payments",
            new { kind = "StartUp", amount = 60m, materials = await MaterialsAsync(op, c, PaymentMaterial.ApplicationForm) });
        await AssertRefused(missing, FundsErrors.MaterialsMissing);
        Assert.Contains("合同", (await missing.JsonAsync()).GetProperty("detail").GetString());
        var id = await OkId(await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/contracts/{c}/payments",
            new { kind = "StartUp", amount = 60m, materials = await MaterialsAsync(op, c, PaymentMaterial.ApplicationForm, PaymentMaterial.Contract) }));

        // The work desk: the county owes the review; after it, the finance approver owes the approval, the reviewer does not.
        static async Task<List<string>> Desk(HttpClient who) => (await (await who.GetAsync("/api/v1/workdesk?module=" + Uri.EscapeDataString("资金管理"))).JsonAsync())
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("what").GetString()!).ToList();
        Assert.Contains(await Desk(county), w => w.StartsWith("审核拨付申请", StringComparison.Ordinal));
        Assert.DoesNotContain(await Desk(op), w => w.StartsWith("审核拨付申请", StringComparison.Ordinal));

        // The county reviews with its opinion; the operator cannot review; the reviewer cannot approve.
        Assert.Equal(HttpStatusCode.Forbidden, (await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/payments/{id}/review", new { agree = true, opinion = "同意", version = 0 })).StatusCode);
        var reviewed = await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/payments/{id}/review", new { agree = true, opinion = "材料齐全，同意拨付启动资金。", version = 0 });
        Assert.Equal(HttpStatusCode.OK, reviewed.StatusCode);
        Assert.Equal("Reviewed", (await reviewed.JsonAsync()).GetProperty("status").GetString());
        await AssertRefused(await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/payments/{id}/approval", new { version = 1 }), FundsErrors.SameReviewer);
        Assert.Contains(await Desk(finance), w => w.StartsWith("财政审批拨付申请", StringComparison.Ordinal));
        await AssertRefused(await finance.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/payments/{id}/approval", new { version = 0 }), FundsErrors.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await finance.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/payments/{id}/approval", new { version = 1 })).StatusCode);

        var voucher = "PZ-" + Guid.NewGuid().ToString("N")[..10];
        var paidOn = app.Services.GetRequiredService<TimeProvider>().ChinaToday().ToString("yyyy-MM-dd");
        await AssertRefused(await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/payments/{id}/record", new { paidOn, voucherNumber = voucher, amount = 60.01m, version = 2 }), FundsErrors.Amount);
        var paid = await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/payments/{id}/record", new { paidOn, voucherNumber = voucher, amount = 60m, version = 2 });
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal("Paid", (await paid.JsonAsync()).GetProperty("status").GetString());
        // 潞城 inspects fund use after every disbursement (SUP-02, 潞城 日常监督检查制度): the payment made one due.
        await using (var ctx = app.SystemContext())
        {
            var town = await EtownIdAsync(app);
            Assert.True(await ctx.InspectionDues.AnyAsync(d => d.EtownId == town && d.Kind == ETown.Web.Features.Supervision.InspectionKind.FundUse
                && d.Cadence == ETown.Web.Features.Supervision.Cadence.AfterEachDisbursement && d.PeriodKey == "P-" + paidOn.Replace("-", "")));
        }

        // A second payment with the same voucher number is refused.
        FundsPortsTestModule.Acceptances[c] = [new(Guid.NewGuid(), "阶段验收", 50m, false, new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 8), false)];
        var id2 = await OkId(await RequestAsync(op, c, PaymentKind.Progress, 40m));
        Assert.Equal(HttpStatusCode.OK, (await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/payments/{id2}/review", new { agree = true, opinion = "同意", version = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await finance.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/payments/{id2}/approval", new { version = 1 })).StatusCode);
        await AssertRefused(await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/payments/{id2}/record", new { paidOn, voucherNumber = voucher, amount = 40m, version = 2 }), FundsErrors.VoucherTaken);
        Assert.Equal(PaymentStatus.Approved, (await PaymentsAsync(app, c)).Single(p => p.Id == id2).Status);

        // Documents: the request form and the opinion.
        foreach (var doc in new[] { "request.docx", "opinion.docx" })
        {
            var r = await county.GetAsync($"/api/v1/funds/payments/{id}/{doc}");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            using var word = WordprocessingDocument.Open(new MemoryStream(await r.Content.ReadAsByteArrayAsync()), false);
            var text = word.MainDocumentPart!.Document.InnerText;
            Assert.Contains("60.00 万元", text);
            if (doc == "opinion.docx") Assert.Contains("材料齐全，同意拨付启动资金。", text);
        }
        // Another county does not see it.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("kelan")).GetAsync($"/api/v1/funds/payments/{id}")).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-04")]
    public async Task ConcurrentRequests_CannotBothPassALimit(string provider)
    {
        var app = apps[provider];
        var c = await NewContractAsync(app, 100m);
        var clients = new List<HttpClient>();
        for (var i = 0; i < 6; i++) clients.Add(await app.SignInAsync("operator"));
        // Six simultaneous start-up requests of 20 each: each alone is within 30 %; only the first may pass.
        var results = await Task.WhenAll(clients.Select(cl => RequestAsync(cl, c, PaymentKind.StartUp, 20m)));
        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        foreach (var r in results.Where(r => r.StatusCode != HttpStatusCode.OK)) await AssertRefused(r, FundsErrors.StartUpNotFirst);
        Assert.Single(await PaymentsAsync(app, c));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-10")]
    [Trait("Rule", "FUND-11")]
    [Trait("Rule", "FUND-16")]
    public async Task Fund10_11_16_Qualification_LawyerReview_Cancellation_AndRecovery(string provider)
    {
        var app = apps[provider];
        var town = await EtownIdAsync(app);
        var county = await app.SignInAsync("lucheng");
        var finance = await LuchengFinanceAsync(app);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (orgId, opUser) = await OperatorWithAccountAsync(app, town, "测试承办公司" + suffix, "top" + suffix);
        object Conditions(bool all) => new
        {
            organisationId = orgId, clearOwnership = true, soundFinancialSystem = true, noPenaltyIn3Years = all, hasLicences = true, commitsToReportAndAudit = true,
            selectionMethod = "Tender", selectionDocuments = "招标文件",
        };
        var opId = await OkId(await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/etowns/{town}/operators", Conditions(all: false)));
        object Contract(bool lawyer) => new
        {
            number = "Q-" + Guid.NewGuid().ToString("N")[..12], title = "招标合同", operatorId = opId, amount = 100m, supportMode = "ServicePurchase", lawyerReviewed = lawyer,
            signedOn = "2024-02-01", startsOn = "2024-02-02", endsOn = "2024-12-31", assetOwnership = "国有资产",
            scope = new[] { new { itemNo = 23, content = "直播基地", amount = 100m } },
        };
        // FUND-10: a missing condition blocks the contract.
        var notQualified = await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/etowns/{town}/contracts", Contract(true));
        await AssertRefused(notQualified, FundsErrors.NotQualified);
        Assert.Contains("近三年无违法违规和行政处罚记录", (await notQualified.JsonAsync()).GetProperty("detail").GetString());
        await using (var ctx = app.SystemContext())
        {
            var o = await ctx.FundOperators.SingleAsync(x => x.Id == opId);
            o.NoPenaltyIn3Years = true;
            await ctx.SaveChangesAsync();
        }
        // FUND-16: a tendered contract needs the lawyer's review.
        await AssertRefused(await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/etowns/{town}/contracts", Contract(false)), FundsErrors.LawyerReviewMissing);
        var c = await OkId(await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/etowns/{town}/contracts", Contract(true)));

        var pid = await OkId(await RequestAsync(opUser, c, PaymentKind.StartUp, 30m));
        Assert.Equal(HttpStatusCode.OK, (await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/payments/{pid}/review", new { agree = true, opinion = "同意", version = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await finance.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/payments/{pid}/approval", new { version = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/payments/{pid}/record",
            new { paidOn = "2024-02-10", voucherNumber = "R-" + suffix, amount = 30m, version = 2 })).StatusCode);

        // FUND-11: cancellation computes what to recover; no more payments; recovery tracked up to the amount due.
        var cancel = await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/operators/{opId}/cancellation", new { reason = "挪用专项资金" });
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(30m, (await cancel.JsonAsync()).GetProperty("recoveryDue").GetDecimal());
        FundsPortsTestModule.Acceptances[c] = [new(Guid.NewGuid(), "阶段验收", 50m, false, new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 4), new DateOnly(2024, 3, 8), false)];
        await AssertRefused(await RequestAsync(opUser, c, PaymentKind.Progress, 10m), FundsErrors.QualificationCancelled);
        await AssertRefused(await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/operators/{opId}/recoveries", new { amount = 30.01m }), FundsErrors.Amount);
        var rec = await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/operators/{opId}/recoveries", new { amount = 30m });
        Assert.Equal(0m, (await rec.JsonAsync()).GetProperty("recoveryOutstanding").GetDecimal());
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-09")]
    public async Task Fund09_ChangesOnlyByWrittenRequestApprovedUpward_AndVersioned(string provider)
    {
        var app = apps[provider];
        var c = await NewContractAsync(app, 100m);
        var op = await app.SignInAsync("operator");
        var r = await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/contracts/{c}/changes", new { kind = "Delay", reason = "雨季停工", newEndsOn = "2025-06-30" });
        var changeId = await OkId(r);
        // The county that asked cannot approve; the city (upward) can.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("lucheng")).SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/changes/{changeId}/decision", new { approve = true, version = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("shuozhou")).SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/changes/{changeId}/decision", new { approve = true, version = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("changzhi")).SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/changes/{changeId}/decision", new { approve = true, note = "同意延期", version = 0 })).StatusCode);
        var revisions = await (await op.GetAsync($"/api/v1/funds/contracts/{c}/revisions")).JsonAsync();
        Assert.Equal(2, revisions.GetArrayLength());
        Assert.Equal("2024-12-31", revisions[0].GetProperty("endsOn").GetString());
        Assert.Equal("2025-06-30", revisions[1].GetProperty("endsOn").GetString());
        // A delay must move the date forward.
        Assert.Equal(HttpStatusCode.BadRequest, (await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/contracts/{c}/changes", new { kind = "Delay", reason = "x", newEndsOn = "2025-01-01" })).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-13")]
    public async Task Fund13_Matching_CommittedVsPaid_WithOptimisticConcurrency(string provider)
    {
        var app = apps[provider];
        var town = await EtownIdAsync(app, "岢岚县乡村e镇");
        var kelan = await app.SignInAsync("kelan");
        var v = await (await kelan.GetAsync($"/api/v1/funds/etowns/{town}")).JsonAsync();
        var a = v.GetProperty("allocations")[0];
        var id = a.GetProperty("id").GetGuid();
        var version = a.GetProperty("version").GetInt32();
        var ok = await kelan.SendJsonAsync(HttpMethod.Put, $"/api/v1/funds/allocations/{id}/matching", new { countyMatchingCommitted = 300m, countyMatchingPaid = 150.5m, version });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(149.5m, (await ok.JsonAsync()).GetProperty("countyMatchingOutstanding").GetDecimal());
        await AssertRefused(await kelan.SendJsonAsync(HttpMethod.Put, $"/api/v1/funds/allocations/{id}/matching", new { countyMatchingCommitted = 300m, countyMatchingPaid = 200m, version }), FundsErrors.Conflict);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("lucheng")).SendJsonAsync(HttpMethod.Put, $"/api/v1/funds/allocations/{id}/matching", new { countyMatchingCommitted = 1m, countyMatchingPaid = 1m, version = version + 1 })).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-04")]
    public async Task CountyRuleSet_DerivedAndAdopted_ChangesTheLimit_AndContractsStayWithinTheAllocation(string provider)
    {
        var app = apps[provider];
        var town = await EtownIdAsync(app, "怀仁市陶瓷e镇");
        var huairen = await app.SignInAsync("huairen");
        var province = await app.SignInAsync("province");
        // 怀仁 has no funds yet: allocation 100, its own rule set (start-up 20 %).
        Assert.Equal(HttpStatusCode.OK, (await province.SendJsonAsync(HttpMethod.Put, $"/api/v1/funds/etowns/{town}/allocations", new { year = 2023, provincialAmount = 100m, countyMatchingCommitted = 10m })).StatusCode);
        var code = "HR-" + provider[..2].ToUpperInvariant();
        Assert.Equal(HttpStatusCode.Forbidden, (await huairen.SendJsonAsync(HttpMethod.Post, "/api/v1/funds/rule-sets/SX-FUND-2022/derive", new { code, name = "怀仁", countyCode = "140406" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await huairen.SendJsonAsync(HttpMethod.Post, "/api/v1/funds/rule-sets/SX-FUND-2022/derive",
            new { code, name = "怀仁拨付规则", countyCode = "140681", limits = new { startUpSharePercent = 20m, retentionPercent = 10m, noticeWorkingDays = 5, stageAcceptanceRequired = true } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await huairen.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/rule-sets/{code}/adopt")).StatusCode);
        await AssertRefused(await huairen.SendJsonAsync(HttpMethod.Put, $"/api/v1/funds/rule-sets/{code}/limits", new { startUpSharePercent = 25m, retentionPercent = 10m, noticeWorkingDays = 5, stageAcceptanceRequired = true }), FundsErrors.RuleSetInUse);

        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (orgId, opUser) = await OperatorWithAccountAsync(app, town, "怀仁测试承办" + suffix, "hr" + suffix);
        var opId = await OkId(await huairen.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/etowns/{town}/operators", new
        {
            organisationId = orgId, clearOwnership = true, soundFinancialSystem = true, noPenaltyIn3Years = true, hasLicences = true, commitsToReportAndAudit = true, selectionMethod = "Direct",
        }));
        object Contract(decimal amount) => new
        {
            number = "HR-" + Guid.NewGuid().ToString("N")[..12], title = "陶瓷直播基地", operatorId = opId, amount, supportMode = "ProjectSubsidy", lawyerReviewed = false,
            signedOn = "2024-02-01", startsOn = "2024-02-02", endsOn = "2024-12-31", assetOwnership = "国有资产",
            scope = new[] { new { itemNo = 23, content = "直播基地", amount } },
        };
        await AssertRefused(await huairen.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/etowns/{town}/contracts", Contract(100.01m)), FundsErrors.ContractAboveAllocation);
        var c = await OkId(await huairen.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/etowns/{town}/contracts", Contract(100m)));
        await AssertRefused(await RequestAsync(opUser, c, PaymentKind.StartUp, 20.01m), FundsErrors.StartUpAboveShare);
        var ok = await RequestAsync(opUser, c, PaymentKind.StartUp, 20m);
        await OkId(ok);
        Assert.Equal(code, (await ok.JsonAsync()).GetProperty("ruleSetCode").GetString());
    }

    [Theory, SqliteData, PostgresData]
    public async Task EtownView_FollowsTheScope_AndOcdsListsOnlyVisibleContracts(string provider)
    {
        var app = apps[provider];
        var lucheng = await EtownIdAsync(app);
        var kelan = await EtownIdAsync(app, "岢岚县乡村e镇");
        var op = await app.SignInAsync("operator");
        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync($"/api/v1/funds/etowns/{lucheng}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync($"/api/v1/funds/etowns/{kelan}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("entity")).GetAsync($"/api/v1/funds/etowns/{lucheng}")).StatusCode);
        var v = await (await (await app.SignInAsync("kelan")).GetAsync($"/api/v1/funds/etowns/{kelan}")).JsonAsync();
        Assert.Equal(1000m, v.GetProperty("allocationTotal").GetDecimal());
        Assert.Equal(240m, v.GetProperty("paid").GetDecimal());
        Assert.Equal(80m, v.GetProperty("retained").GetDecimal());
        var ocds = await (await op.GetAsync("/api/v1/funds/ocds")).JsonAsync();
        var ids = ocds.GetProperty("releases").EnumerateArray().Select(r => r.GetProperty("contracts")[0].GetProperty("id").GetString()).ToList();
        Assert.Contains("LC-2022-001", ids);
        Assert.DoesNotContain("KL-2022-001", ids);
        var lc1 = ocds.GetProperty("releases").EnumerateArray().Single(r => r.GetProperty("contracts")[0].GetProperty("id").GetString() == "LC-2022-001");
        Assert.Equal(6_000_000m, lc1.GetProperty("contracts")[0].GetProperty("value").GetProperty("amount").GetDecimal());
        Assert.Equal(1_800_000m, lc1.GetProperty("contracts")[0].GetProperty("implementation").GetProperty("transactions")[0].GetProperty("value").GetProperty("amount").GetDecimal());
    }

    /// <summary>A new operator organisation of the e-town's county with a signed-in operator account assigned to the e-town.</summary>
    static async Task<(Guid OrgId, HttpClient Client)> OperatorWithAccountAsync(EtownAppFactory app, Guid town, string name, string userName)
    {
        Guid orgId;
        await using (var ctx = app.SystemContext())
        {
            var county = await ctx.Etowns.Where(e => e.Id == town).Select(e => e.CountyCode).SingleAsync();
            var org = new Organisation { Name = name, Kind = OrganisationKind.Operator, RegionCode = county };
            ctx.Organisations.Add(org);
            ctx.EtownAssignments.Add(new EtownAssignment { OrganisationId = org.Id, EtownId = town, Kind = AssignmentKind.Operator });
            await ctx.SaveChangesAsync();
            orgId = org.Id;
        }
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = userName, DisplayName = name + " 经办人", OrganisationId = orgId, CreatedAt = DateTimeOffset.UtcNow, LockoutEnabled = true, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, ETown.Web.Platform.Data.Seeding.DemoData.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, BuiltInRoles.Operator)).Succeeded);
        }
        return (orgId, await app.SignInAsync(userName));
    }
}
