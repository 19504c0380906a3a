using ETown.Web.Features.Statistics;
using ETown.Web.Platform;
using ETown.Web.Platform.Data;
using S = ETown.Web.Features.Statistics.StatReportStatus;
using T = ETown.Web.Features.Statistics.StatReportTrigger;

namespace ETown.Tests.Features.Statistics;

/// <summary>STAT-05 as the approval table says it: bottom-up county → city → province, each level unlocks only its own step.</summary>
public class StatReportFlowTests
{
    static readonly ScopeLevel County = ScopeLevel.County, City = ScopeLevel.City, Province = ScopeLevel.Province;

    [Fact]
    [Trait("Rule", "STAT-05")]
    public void The_table_of_transitions_is_the_bottom_up_reporting_chain()
    {
        var table = StatReportFlow.Definition.Steps.Select(s => (s.From, s.Trigger, s.To, s.By)).ToHashSet();
        (S, T, S, ScopeLevel?)[] expected =
        [
            (S.Draft, T.Submit, S.Submitted, null),
            (S.Submitted, T.Approve, S.CountyApproved, County),
            (S.CountyApproved, T.AcceptByCity, S.CityAccepted, City),
            (S.CityAccepted, T.AcceptByProvince, S.ProvinceAccepted, Province),
            (S.CountyApproved, T.Unlock, S.Draft, null),
            (S.CityAccepted, T.Unlock, S.Draft, null),
            (S.ProvinceAccepted, T.Unlock, S.Draft, null),
        ];
        Assert.True(table.SetEquals(expected), string.Join("; ", table));
        Assert.Equal(County, StatReportFlow.Definition.ApprovedBy(S.CountyApproved));
        Assert.Equal(City, StatReportFlow.Definition.ApprovedBy(S.CityAccepted));
        Assert.Equal(Province, StatReportFlow.Definition.ApprovedBy(S.ProvinceAccepted));
        Assert.True(StatReportFlow.Definition.TriggerOf(T.Unlock).NeedsReason);
    }

    [Theory]
    [Trait("Rule", "STAT-05")]
    [InlineData(S.CountyApproved, ScopeLevel.County, true)]
    [InlineData(S.CountyApproved, ScopeLevel.City, false)]
    [InlineData(S.CityAccepted, ScopeLevel.County, false)]
    [InlineData(S.CityAccepted, ScopeLevel.City, true)]
    [InlineData(S.CityAccepted, ScopeLevel.Province, false)]
    [InlineData(S.ProvinceAccepted, ScopeLevel.City, false)]
    [InlineData(S.ProvinceAccepted, ScopeLevel.Province, true)]
    [InlineData(S.Submitted, ScopeLevel.County, false)]
    public void Each_level_unlocks_only_what_it_approved(S status, ScopeLevel level, bool allowed) =>
        Assert.Equal(allowed, StatReportFlow.Definition.CanFire(status, T.Unlock, level));

    [Fact]
    [Trait("Rule", "STAT-05")]
    public void The_report_records_who_when_and_why_on_each_step()
    {
        var now = new DateTimeOffset(2026, 5, 6, 1, 0, 0, TimeSpan.Zero);
        var r = new StatReport { CountyCode = "140406", Period = "2026-04" };
        r.Submit(now, "op");
        r.Approve(now, "county");
        r.AcceptByCity(now);
        var e = Assert.Throws<DomainException>(() => r.Unlock(now, "更正"));
        Assert.Equal(StatisticsErrors.IllegalTransition, e.Code);
        Assert.Equal(409, e.Status);
        Assert.Equal("当前状态为“市级已接收”，不能县级解锁：已被上级接收，只能由市级解锁。", e.Message);
        r.UnlockByCity(now, "更正", "city");
        Assert.Equal(S.Draft, r.Status);
        Assert.Equal(("更正", "city", S.CityAccepted), (r.UnlockReason, r.UnlockedBy, r.UnlockedFrom));
        Assert.Null(r.ApprovedBy);
        Assert.Equal(now, r.SubmittedAt);
    }
}
