using ETown.Web.Features.Acceptance;
using ETown.Web.Platform;
using ETown.Web.Platform.Data;

namespace ETown.Tests.Features.Acceptance;

/// <summary>The acceptance workflow table (ACC-02, ACC-06): every legal step, and every other step refused with the module's code.</summary>
public class AcceptanceFlowTests
{
    static readonly (AcceptanceStatus From, AcceptanceTrigger Trigger, AcceptanceStatus To)[] Legal =
    [
        (AcceptanceStatus.Submitted, AcceptanceTrigger.AcceptForReview, AcceptanceStatus.UnderReview),
        (AcceptanceStatus.Submitted, AcceptanceTrigger.RefuseAtPreCheck, AcceptanceStatus.PreCheckRefused),
        (AcceptanceStatus.UnderReview, AcceptanceTrigger.Pass, AcceptanceStatus.Passed),
        (AcceptanceStatus.UnderReview, AcceptanceTrigger.Fail, AcceptanceStatus.Failed),
        (AcceptanceStatus.Failed, AcceptanceTrigger.AnswerRectification, AcceptanceStatus.UnderReview),
    ];

    [Fact]
    [Trait("Rule", "ACC-02")]
    [Trait("Rule", "ACC-06")]
    public void EveryStateAndTrigger_FollowsTheTable()
    {
        var flow = AcceptanceFlow.Definition;
        foreach (var from in Enum.GetValues<AcceptanceStatus>())
        foreach (var trigger in Enum.GetValues<AcceptanceTrigger>())
        {
            var legal = Legal.Where(l => l.From == from && l.Trigger == trigger).Select(l => (AcceptanceStatus?)l.To).SingleOrDefault();
            var state = from;
            var level = flow.TriggerOf(trigger).By ?? ScopeLevel.Etown;
            if (legal is { } to)
            {
                Assert.Equal(to, flow.Fire(() => state, s => state = s, trigger, level, "理由"));
            }
            else
            {
                var ex = Assert.Throws<DomainException>(() => flow.Fire(() => state, s => state = s, trigger, level, "理由"));
                Assert.Equal(AcceptanceErrors.IllegalTransition, ex.Code);
                Assert.Equal(from, state);
            }
        }
    }

    [Fact]
    [Trait("Rule", "ACC-06")]
    public void TheCountyConcludes_TheOperatorCannot_AndAFailNeedsOpinions()
    {
        var flow = AcceptanceFlow.Definition;
        Assert.False(flow.CanFire(AcceptanceStatus.UnderReview, AcceptanceTrigger.Pass, ScopeLevel.Etown));
        Assert.False(flow.CanFire(AcceptanceStatus.UnderReview, AcceptanceTrigger.Pass, ScopeLevel.City));
        Assert.True(flow.CanFire(AcceptanceStatus.UnderReview, AcceptanceTrigger.Pass, ScopeLevel.County));
        Assert.True(flow.CanFire(AcceptanceStatus.Failed, AcceptanceTrigger.AnswerRectification, ScopeLevel.Etown));
        var state = AcceptanceStatus.UnderReview;
        Assert.Throws<ValidationFailedException>(() => flow.Fire(() => state, s => state = s, AcceptanceTrigger.Fail, ScopeLevel.County, " "));
        Assert.Equal(AcceptanceStatus.UnderReview, state);
    }
}
