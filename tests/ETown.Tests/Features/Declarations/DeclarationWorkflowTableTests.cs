using ETown.Web.Features.Declarations;
using ETown.Web.Platform;
using ETown.Web.Platform.Data;
using S = ETown.Web.Features.Declarations.DeclarationStatus;
using T = ETown.Web.Features.Declarations.DeclarationTrigger;

namespace ETown.Tests.Features.Declarations;

/// <summary>DECL-07 as the approval table says it: county → city recommendation or return → province review → notice → list.</summary>
public class DeclarationWorkflowTableTests
{
    static readonly ScopeLevel County = ScopeLevel.County, City = ScopeLevel.City, Province = ScopeLevel.Province;

    [Fact]
    [Trait("Rule", "DECL-07")]
    public void The_table_of_transitions_is_the_declaration_procedure()
    {
        var table = DeclarationWorkflow.Definition.Steps.Select(s => (s.From, s.Trigger, s.To, s.By)).ToHashSet();
        (S, T, S, ScopeLevel?)[] expected =
        [
            (S.Draft, T.Submit, S.Submitted, County),
            (S.Returned, T.Submit, S.Submitted, County),
            (S.Submitted, T.Recommend, S.Recommended, City),
            (S.Submitted, T.Return, S.Returned, City),
            (S.Recommended, T.StartReview, S.UnderReview, Province),
            (S.UnderReview, T.StartReview, S.UnderReview, Province),
            (S.UnderReview, T.List, S.Approved, Province),
            (S.UnderReview, T.Reject, S.Rejected, Province),
            (S.Approved, T.StartNotice, S.InNotice, Province),
            (S.InNotice, T.SustainObjection, S.Withdrawn, Province),
            (S.InNotice, T.CompleteListing, S.Listed, Province),
        ];
        Assert.True(table.SetEquals(expected), string.Join("; ", table));
        // A return, a rejection and a sustained objection always say why; so does the city's recommendation.
        Assert.All(new[] { T.Return, T.Reject, T.SustainObjection, T.Recommend }, t => Assert.True(DeclarationWorkflow.Definition.TriggerOf(t).NeedsReason));
        // Terminal states: nothing fires from them.
        Assert.All(new[] { S.Rejected, S.Listed, S.Withdrawn }, s => Assert.Empty(DeclarationWorkflow.Definition.PermittedTriggers(s)));
    }

    [Fact]
    [Trait("Rule", "DECL-07")]
    public void A_return_goes_back_to_the_county_with_its_reason_and_a_skipped_step_is_refused()
    {
        var d = new Declaration { CountyCode = "140406", ProjectName = "样例" };
        var skip = Assert.Throws<DomainException>(() => d.StartReview());
        Assert.Equal((DeclarationErrors.IllegalTransition, 409, "不能分配评审专家：当前状态为“草稿”。"), (skip.Code, skip.Status, skip.Message));
        d.Submit(DateTimeOffset.UnixEpoch);
        Assert.Throws<ValidationFailedException>(() => d.Return(" "));
        d.Return("材料不全");
        Assert.Equal((S.Returned, "材料不全"), (d.Status, d.ReturnReason));
        Assert.True(Declaration.IsEditable(d.Status));
        d.Submit(DateTimeOffset.UnixEpoch);
        Assert.Null(d.ReturnReason);
        Assert.False(Declaration.IsEditable(d.Status));
        Assert.Equal([T.Recommend, T.Return], DeclarationWorkflow.Definition.PermittedTriggers(d.Status, City));
        Assert.Empty(DeclarationWorkflow.Definition.PermittedTriggers(d.Status, County));
    }
}
