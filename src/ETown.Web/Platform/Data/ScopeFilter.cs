using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Platform.Data;

/// <summary>
/// An entity's own scope rule, for the few whose visibility is not just "whose data it is": declared on
/// its <c>IEntityTypeConfiguration</c>. Clauses are combined with OR (plus "sees everything"); a
/// <see cref="ScopeRule{T}.AndAlso"/> condition is required on top of them.
/// </summary>
public interface IScopeRule<T> where T : class
{
    void Scope(ScopeRule<T> rule);
}

/// <summary>The clauses of one entity's query filter. Each clause reads the caller's scope from the context, so EF parameterises it per context instance.</summary>
public sealed class ScopeRule<T> where T : class
{
    internal readonly List<Expression<Func<EtownDbContext, T, bool>>> AnyOf = [];
    internal readonly List<Expression<Func<EtownDbContext, T, bool>>> AllOf = [];
    internal bool SeenByAll { get; private set; } = true;

    /// <summary>In the caller's region (province all, a city its counties, a county its own).</summary>
    public ScopeRule<T> Region(Expression<Func<T, string>> code) =>
        Add((db, x) => db.ScopeRegionPrefix != null && Invoke(code, x).StartsWith(db.ScopeRegionPrefix));

    /// <summary>An e-town the caller is assigned to.</summary>
    public ScopeRule<T> Etown(Expression<Func<T, Guid>> etownId) =>
        Add((db, x) => db.ScopeEtownIds.Contains(Invoke(etownId, x)));

    /// <summary>The caller's own organisation.</summary>
    public ScopeRule<T> Organisation(Expression<Func<T, Guid>> organisationId) =>
        Add((db, x) => Invoke(organisationId, x) == db.ScopeOrganisationId);

    /// <summary>Within the caller's city (a county sees what its city publishes).</summary>
    public ScopeRule<T> City(Expression<Func<T, string>> cityCode) =>
        Add((db, x) => db.ScopeCityPrefix != null && Invoke(cityCode, x).StartsWith(db.ScopeCityPrefix));

    /// <summary>Published, for the anonymous public.</summary>
    public ScopeRule<T> Published(Expression<Func<T, bool>> isPublished) =>
        Add((db, x) => db.ScopePublishedOnly && Invoke(isPublished, x));

    /// <summary>Any other clause, in terms of the context's scope members and sets.</summary>
    public ScopeRule<T> Or(Expression<Func<EtownDbContext, T, bool>> clause) => Add(clause);

    /// <summary>A condition every caller but system work must meet, on top of the clauses.</summary>
    public ScopeRule<T> AndAlso(Expression<Func<EtownDbContext, T, bool>> condition) { AllOf.Add(condition); return this; }

    /// <summary>Not even the province sees these rows (e.g. messages to one organisation); system work does.</summary>
    public ScopeRule<T> NotSeenByAll() { SeenByAll = false; return this; }

    ScopeRule<T> Add(Expression<Func<EtownDbContext, T, bool>> clause) { AnyOf.Add(clause); return this; }

    // Placeholder inlined by ScopeFilter (never called): lets clauses be written as lambdas over a property selector.
    static TResult Invoke<TResult>(Expression<Func<T, TResult>> selector, T x) => throw new InvalidOperationException();

    /// <summary>The clauses the markers imply.</summary>
    internal void FromMarkers()
    {
        var t = typeof(T);
        if (typeof(IRegionOwned).IsAssignableFrom(t)) Region(Selector<string>(nameof(IRegionOwned.CountyCode)));
        if (typeof(IEtownOwned).IsAssignableFrom(t)) Etown(Selector<Guid>(nameof(IEtownOwned.EtownId)));
        if (typeof(IOrganisationOwned).IsAssignableFrom(t)) Organisation(Selector<Guid>(nameof(IOrganisationOwned.OrganisationId)));
        if (typeof(ICityOwned).IsAssignableFrom(t)) City(Selector<string>(nameof(ICityOwned.CityCode)));
        if (typeof(IPublishable).IsAssignableFrom(t)) Published(Selector<bool>(nameof(IPublishable.IsPublished)));
    }

    static Expression<Func<T, TP>> Selector<TP>(string property)
    {
        var x = Expression.Parameter(typeof(T), "x");
        return Expression.Lambda<Func<T, TP>>(Expression.Property(x, property), x);
    }
}

/// <summary>Builds each entity's query filter from its markers or its <see cref="IScopeRule{T}"/>: the one place scope becomes SQL.</summary>
public static class ScopeFilter
{
    static readonly MethodInfo ApplyMethod = typeof(ScopeFilter).GetMethod(nameof(Apply), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Entities that have a filter; the rest are province-wide or framework tables (checked by a test).</summary>
    public static void ApplyAll(ModelBuilder b, EtownDbContext db, IReadOnlyDictionary<Type, object> rules)
    {
        foreach (var type in b.Model.GetEntityTypes().Where(t => t.BaseType is null && !t.IsOwned()).Select(t => t.ClrType).ToList())
            ApplyMethod.MakeGenericMethod(type).Invoke(null, [b, db, rules.GetValueOrDefault(type)]);
    }

    static void Apply<T>(ModelBuilder b, EtownDbContext db, object? custom) where T : class
    {
        var rule = new ScopeRule<T>();
        if (custom is IScopeRule<T> r) r.Scope(rule); else rule.FromMarkers();
        // No clause and seen by all: province-wide, no filter. NotSeenByAll with no clause still gets one (system work only).
        if (rule.AnyOf.Count == 0 && rule.AllOf.Count == 0 && rule.SeenByAll) return;

        var x = Expression.Parameter(typeof(T), "x");
        var ctx = Expression.Constant(db);
        Expression Body(Expression<Func<EtownDbContext, T, bool>> clause) => new Inline(clause.Parameters[0], ctx, clause.Parameters[1], x).Visit(clause.Body);
        Expression Member(string name) => Expression.Property(ctx, name);

        // Anyone who sees everything (province; system work) passes the clauses; NotSeenByAll narrows that to system work.
        Expression any = rule.SeenByAll ? Member(nameof(EtownDbContext.ScopeAll)) : Member(nameof(EtownDbContext.ScopeIsSystem));
        foreach (var c in rule.AnyOf) any = Expression.OrElse(any, Body(c));
        foreach (var c in rule.AllOf) any = Expression.AndAlso(Body(c), any);
        b.Entity<T>().HasQueryFilter(Expression.Lambda<Func<T, bool>>(any, x));
    }

    /// <summary>Puts the context constant and the entity parameter in place, and inlines <c>Invoke(selector, x)</c>.</summary>
    sealed class Inline(ParameterExpression dbParam, Expression db, ParameterExpression xParam, ParameterExpression x) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            node == dbParam ? db : node == xParam ? x : base.VisitParameter(node);

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.Name == "Invoke" && node.Method.DeclaringType is { IsGenericType: true } d && d.GetGenericTypeDefinition() == typeof(ScopeRule<>))
            {
                var selector = (LambdaExpression)Evaluate(node.Arguments[0]);
                var target = Visit(node.Arguments[1]);
                return new Replace(selector.Parameters[0], target).Visit(selector.Body);
            }
            return base.VisitMethodCall(node);
        }

        static object Evaluate(Expression e) => e is ConstantExpression c ? c.Value! : Expression.Lambda(e).Compile().DynamicInvoke()!;
    }

    sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
