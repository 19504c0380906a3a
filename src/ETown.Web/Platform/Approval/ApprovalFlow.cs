using ETown.Web.Platform.Data;
using Stateless;
using Stateless.Graph;

namespace ETown.Web.Platform.Approval;

/// <summary>One permitted step: from a state, a trigger leads to a state, fired by a level (null = any level).</summary>
public sealed record ApprovalStep<TState, TTrigger>(TState From, TTrigger Trigger, TState To, ScopeLevel? By, bool NeedsReason)
    where TState : struct, Enum where TTrigger : struct, Enum;

/// <summary>What one trigger means: its Chinese action (for messages), who fires it, whether a reason is required.</summary>
public sealed record ApprovalTrigger<TTrigger>(TTrigger Trigger, string Action, ScopeLevel? By, string? ReasonField, string? ReasonMessage,
    bool IsUnlock) where TTrigger : struct, Enum
{
    public bool NeedsReason => ReasonField is not null;
}

/// <summary>
/// A multi-level approval workflow defined once as data (issue #9 item 4): the permitted transitions, which scope
/// level fires each trigger, which triggers need a reason (return, reject, unlock), and which level approved each
/// state — an unlock trigger fires only from a state the caller's own level approved (“each level reopens only its own
/// step”, STAT-05). It is a definition, not an instance: <see cref="Machine"/> builds a Stateless
/// <see cref="StateMachine{TState,TTrigger}"/> over the entity's own status property (external state storage), so the
/// entity keeps its columns (SubmittedAt, ApprovedBy, UnlockReason …) and every saved change is audited by the
/// audit chain as before. Whether the caller may act on this object at all (permission, region) stays with the
/// resource handlers (<see cref="Auth.Authorizer"/>); the flow answers “is this step possible from here, at this level”.
/// </summary>
public sealed class ApprovalFlow<TState, TTrigger> where TState : struct, Enum where TTrigger : struct, Enum
{
    readonly List<ApprovalStep<TState, TTrigger>> steps;
    readonly Dictionary<TTrigger, ApprovalTrigger<TTrigger>> triggers;
    readonly Dictionary<TState, ScopeLevel> approvedBy;
    readonly Func<TState, string> label;
    readonly Func<TState, ApprovalTrigger<TTrigger>, ScopeLevel?, string>? refusal;

    ApprovalFlow(string name, string errorCode, Func<TState, string> label, List<ApprovalStep<TState, TTrigger>> steps,
        Dictionary<TTrigger, ApprovalTrigger<TTrigger>> triggers, Dictionary<TState, ScopeLevel> approvedBy,
        Func<TState, ApprovalTrigger<TTrigger>, ScopeLevel?, string>? refusal)
    {
        Name = name; ErrorCode = errorCode; this.label = label; this.steps = steps; this.triggers = triggers;
        this.approvedBy = approvedBy; this.refusal = refusal;
    }

    public string Name { get; }
    /// <summary>The feature's “illegal transition” code (e.g. ETOWN-STAT-0001), answered with 409.</summary>
    public string ErrorCode { get; }
    public IReadOnlyList<ApprovalStep<TState, TTrigger>> Steps => steps;
    public ApprovalTrigger<TTrigger> TriggerOf(TTrigger t) => triggers[t];
    public string Label(TState s) => label(s);

    /// <summary>The level that approved (and alone may unlock) this state; null when nobody approved it.</summary>
    public ScopeLevel? ApprovedBy(TState s) => approvedBy.TryGetValue(s, out var l) ? l : null;

    /// <summary>The state approved by this level, if any (for “unlock your own step”).</summary>
    public TState? StateApprovedBy(ScopeLevel level) => approvedBy.Where(p => p.Value == level).Select(p => (TState?)p.Key).FirstOrDefault();

    public static Builder Define(string name, string errorCode, Func<TState, string> label) => new(name, errorCode, label);

    /// <summary>
    /// A Stateless machine over the entity's status (<c>() =&gt; e.Status, s =&gt; e.Status = s</c>) for an actor at
    /// <paramref name="level"/> (null: the level is not checked, e.g. the system actor). Guards carry the level rules.
    /// </summary>
    public StateMachine<TState, TTrigger> Machine(Func<TState> get, Action<TState> set, ScopeLevel? level = null)
    {
        var m = new StateMachine<TState, TTrigger>(get, set);
        foreach (var s in steps)
        {
            var step = s;
            var config = m.Configure(step.From);
            var guard = () => Allows(step, level);
            var description = step.By is { } by ? LevelName(by) : "任一级";
            if (EqualityComparer<TState>.Default.Equals(step.From, step.To)) config.PermitReentryIf(step.Trigger, guard, description);
            else config.PermitIf(step.Trigger, step.To, guard, description);
        }
        return m;
    }

    bool Allows(ApprovalStep<TState, TTrigger> step, ScopeLevel? level)
    {
        if (level is null) return true;
        if (step.By is { } by && by != level) return false;
        // Unlock only by the level that approved the state it leaves (STAT-05).
        return !triggers[step.Trigger].IsUnlock || ApprovedBy(step.From) == level;
    }

    /// <summary>Can an actor at this level fire the trigger from this state (e.g. whether the page shows the button)?</summary>
    public bool CanFire(TState state, TTrigger trigger, ScopeLevel? level = null) => Machine(() => state, _ => { }, level).CanFire(trigger);

    /// <summary>The triggers an actor at this level may fire from this state.</summary>
    public IReadOnlyList<TTrigger> PermittedTriggers(TState state, ScopeLevel? level = null)
    {
        var m = Machine(() => state, _ => { }, level);
        return triggers.Keys.Where(m.CanFire).OrderBy(t => t).ToList();
    }

    /// <summary>Refuses a blank reason for a trigger that needs one (a field error, 400), before anything is loaded.</summary>
    public string? RequireReason(TTrigger trigger, string? reason)
    {
        var t = triggers[trigger];
        if (!t.NeedsReason) return string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (string.IsNullOrWhiteSpace(reason))
        {
            var errors = new FieldErrors();
            errors.Add(t.ReasonField!, t.ReasonMessage!);
            errors.ThrowIfAny();
        }
        return reason!.Trim();
    }

    /// <summary>
    /// Fires the trigger on the entity's status, or refuses with the feature's code and a Chinese message (409). The
    /// entity then records who, when and why in its own columns; SaveChanges audits the change.
    /// </summary>
    public TState Fire(Func<TState> get, Action<TState> set, TTrigger trigger, ScopeLevel? level = null, string? reason = null)
    {
        RequireReason(trigger, reason);
        var m = Machine(get, set, level);
        if (!m.CanFire(trigger)) throw Refuse(get(), trigger, level);
        m.Fire(trigger);
        return get();
    }

    public DomainException Refuse(TState state, TTrigger trigger, ScopeLevel? level)
    {
        var t = triggers[trigger];
        var message = refusal?.Invoke(state, t, level) ?? $"当前状态为“{label(state)}”，不能{t.Action}。";
        return new DomainException(ErrorCode, message, 409);
    }

    /// <summary>The graph in DOT (Graphviz) for docs/architecture.md.</summary>
    public string ToDotGraph()
    {
        var initial = steps.Count > 0 ? steps[0].From : default;
        return UmlDotGraph.Format(Machine(() => initial, _ => { }).GetInfo());
    }

    public static string LevelName(ScopeLevel level) => level switch
    {
        ScopeLevel.Province => "省级",
        ScopeLevel.City => "市级",
        ScopeLevel.County => "县级",
        _ => "运营方",
    };

    /// <summary>Fluent definition; each workflow is one readable table.</summary>
    public sealed class Builder(string name, string errorCode, Func<TState, string> label)
    {
        readonly List<ApprovalStep<TState, TTrigger>> steps = [];
        readonly Dictionary<TTrigger, ApprovalTrigger<TTrigger>> triggers = [];
        readonly Dictionary<TState, ScopeLevel> approvedBy = [];
        Func<TState, ApprovalTrigger<TTrigger>, ScopeLevel?, string>? refusal;

        /// <summary>Declares a trigger: its action in Chinese and the level that fires it (null = any).</summary>
        public Builder Trigger(TTrigger trigger, string action, ScopeLevel? by = null)
        {
            triggers.Add(trigger, new(trigger, action, by, null, null, false));
            return this;
        }

        /// <summary>A trigger that needs a reason (return, reject …): a blank one is a field error with this message.</summary>
        public Builder TriggerWithReason(TTrigger trigger, string action, ScopeLevel? by, string field, string message)
        {
            triggers.Add(trigger, new(trigger, action, by, field, message, false));
            return this;
        }

        /// <summary>An unlock: needs a reason and fires only from a state the caller's own level approved.</summary>
        public Builder Unlock(TTrigger trigger, string action, string field, string message)
        {
            triggers.Add(trigger, new(trigger, action, null, field, message, true));
            return this;
        }

        public Builder Permit(TState from, TTrigger trigger, TState to)
        {
            if (!triggers.TryGetValue(trigger, out var t))
                throw new InvalidOperationException($"Trigger {trigger} is not declared in workflow {name}.");
            if (steps.Any(s => EqualityComparer<TState>.Default.Equals(s.From, from) && EqualityComparer<TTrigger>.Default.Equals(s.Trigger, trigger)))
                throw new InvalidOperationException($"{name}: {from} --{trigger}--> is defined twice.");
            steps.Add(new(from, trigger, to, t.By, t.NeedsReason));
            return this;
        }

        /// <summary>The level that approved this state; only it may fire an unlock trigger from it.</summary>
        public Builder ApprovedBy(TState state, ScopeLevel level)
        {
            approvedBy.Add(state, level);
            return this;
        }

        /// <summary>Replaces the default refusal message (“当前状态为“X”，不能Y。”).</summary>
        public Builder RefuseWith(Func<TState, ApprovalTrigger<TTrigger>, ScopeLevel?, string> message)
        {
            refusal = message;
            return this;
        }

        public ApprovalFlow<TState, TTrigger> Build() => new(name, errorCode, label, steps, triggers, approvedBy, refusal);
    }
}
