using ETown.Web.Platform;
using ETown.Web.Platform.Approval;
using ETown.Web.Platform.Data;

namespace ETown.Tests.Platform;

/// <summary>
/// The approval building block (issue #9 item 4) on a small sample workflow: permitted and refused transitions,
/// the level that fires a trigger, a required reason, and unlock only by the level that approved the state.
/// </summary>
public class ApprovalFlowTests
{
    enum S { Draft, Submitted, CountyApproved, CityAccepted, Returned }
    enum T { Submit, Approve, Accept, Return, Unlock }

    sealed class Item { public S Status { get; set; } }

    static readonly ApprovalFlow<S, T> Flow = ApprovalFlow<S, T>.Define("样例", "TEST-0001", s => s.ToString())
        .Trigger(T.Submit, "报送")
        .Trigger(T.Approve, "县级审核", ScopeLevel.County)
        .Trigger(T.Accept, "市级接收", ScopeLevel.City)
        .TriggerWithReason(T.Return, "退回", ScopeLevel.County, "reason", "退回时请写明原因。")
        .Unlock(T.Unlock, "解锁", "reason", "解锁时请写明原因。")
        .Permit(S.Draft, T.Submit, S.Submitted)
        .Permit(S.Returned, T.Submit, S.Submitted)
        .Permit(S.Submitted, T.Approve, S.CountyApproved)
        .Permit(S.Submitted, T.Return, S.Returned)
        .Permit(S.CountyApproved, T.Accept, S.CityAccepted)
        .Permit(S.CountyApproved, T.Unlock, S.Draft)
        .Permit(S.CityAccepted, T.Unlock, S.Draft)
        .ApprovedBy(S.CountyApproved, ScopeLevel.County)
        .ApprovedBy(S.CityAccepted, ScopeLevel.City)
        .Build();

    static S Fire(Item i, T t, ScopeLevel? level = null, string? reason = null) => Flow.Fire(() => i.Status, s => i.Status = s, t, level, reason);

    [Fact]
    public void A_permitted_trigger_moves_the_entity_state()
    {
        var i = new Item();
        Assert.Equal(S.Submitted, Fire(i, T.Submit));
        Assert.Equal(S.CountyApproved, Fire(i, T.Approve, ScopeLevel.County));
        Assert.Equal(S.CityAccepted, Fire(i, T.Accept, ScopeLevel.City));
        Assert.Equal(S.CityAccepted, i.Status);
    }

    [Fact]
    public void A_trigger_from_the_wrong_state_is_refused_with_409_and_leaves_the_state()
    {
        var i = new Item();
        var e = Assert.Throws<DomainException>(() => Fire(i, T.Approve, ScopeLevel.County));
        Assert.Equal(409, e.Status);
        Assert.Equal(Flow.ErrorCode, e.Code);
        Assert.Equal("当前状态为“Draft”，不能县级审核。", e.Message);
        Assert.Equal(S.Draft, i.Status);
    }

    [Fact]
    public void Only_the_named_level_fires_a_trigger()
    {
        var i = new Item { Status = S.Submitted };
        Assert.False(Flow.CanFire(S.Submitted, T.Approve, ScopeLevel.City));
        Assert.True(Flow.CanFire(S.Submitted, T.Approve, ScopeLevel.County));
        Assert.Throws<DomainException>(() => Fire(i, T.Approve, ScopeLevel.City));
        Assert.Equal(S.Submitted, i.Status);
        // The buttons a page shows: what this level may fire from here.
        Assert.Equal([T.Approve, T.Return], Flow.PermittedTriggers(S.Submitted, ScopeLevel.County));
        Assert.Empty(Flow.PermittedTriggers(S.Submitted, ScopeLevel.Province));
    }

    [Fact]
    public void A_return_needs_a_reason()
    {
        var i = new Item { Status = S.Submitted };
        var e = Assert.Throws<ValidationFailedException>(() => Fire(i, T.Return, ScopeLevel.County, "  "));
        Assert.Contains("退回时请写明原因。", e.Errors["reason"]);
        Assert.Equal(S.Submitted, i.Status);
        Assert.Equal(S.Returned, Fire(i, T.Return, ScopeLevel.County, "材料不全"));
        Assert.Equal(S.Submitted, Fire(i, T.Submit));
    }

    [Fact]
    public void Only_the_level_that_approved_a_state_unlocks_it()
    {
        Assert.True(Flow.CanFire(S.CountyApproved, T.Unlock, ScopeLevel.County));
        Assert.False(Flow.CanFire(S.CountyApproved, T.Unlock, ScopeLevel.City));
        Assert.False(Flow.CanFire(S.CityAccepted, T.Unlock, ScopeLevel.County)); // accepted above: no longer the county's
        Assert.True(Flow.CanFire(S.CityAccepted, T.Unlock, ScopeLevel.City));
        Assert.False(Flow.CanFire(S.Submitted, T.Unlock, ScopeLevel.County)); // nothing approved yet
        var i = new Item { Status = S.CityAccepted };
        Assert.Throws<DomainException>(() => Fire(i, T.Unlock, ScopeLevel.County, "更正"));
        Assert.Throws<ValidationFailedException>(() => Fire(i, T.Unlock, ScopeLevel.City, null));
        Assert.Equal(S.Draft, Fire(i, T.Unlock, ScopeLevel.City, "更正"));
    }

    [Fact]
    public void A_step_defined_twice_or_an_undeclared_trigger_is_a_definition_error()
    {
        var b = ApprovalFlow<S, T>.Define("坏", "X", s => s.ToString()).Trigger(T.Submit, "报送").Permit(S.Draft, T.Submit, S.Submitted);
        Assert.Throws<InvalidOperationException>(() => b.Permit(S.Draft, T.Submit, S.Returned));
        Assert.Throws<InvalidOperationException>(() => b.Permit(S.Draft, T.Approve, S.Submitted));
    }

    [Fact]
    public void The_graph_exports_as_dot()
    {
        var dot = Flow.ToDotGraph();
        Assert.Contains("digraph", dot);
        Assert.Contains("CountyApproved", dot);
    }
}
