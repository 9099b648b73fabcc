using System.ComponentModel;
using System.Linq.Expressions;

namespace PiiGuard.EntityFrameworkCore;

/// <summary>
/// The query filter that hides the rows whose erasure was requested, for PiiGuard's generated code: it adds that filter
/// beside a filter the app declared rather than replacing it. Not meant to be called from an app's own code.
/// </summary>
/// <remarks>
/// On EF Core 10 and later the generated code declares the filter under the name <see cref="FilterName"/>, unless the
/// entity already has an unnamed filter (EF Core does not let a named filter join an unnamed one): then, as on EF
/// Core 8 and 9, the two are combined into one unnamed filter with <see cref="Combine"/>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PersonalDataQueryFilters
{
    /// <summary>The name of the filter on EF Core 10 and later (<c>IgnoreQueryFilters([FilterName])</c> lifts it alone).</summary>
    public const string FilterName = "PiiGuard.ErasureRequested";

    /// <summary>
    /// One filter that holds where both hold: <paramref name="declared"/> (the app's) and <paramref name="filter"/>,
    /// over <paramref name="declared"/>'s parameter; <paramref name="filter"/> itself when the app declared none.
    /// </summary>
    /// <param name="declared">The filter the entity type has, or null.</param>
    /// <param name="filter">The filter to add, over the same entity type.</param>
    /// <returns>The combined filter.</returns>
    /// <exception cref="ArgumentException">The filters do not take one parameter of the same type, or do not return a <see cref="bool"/>.</exception>
    public static LambdaExpression Combine(LambdaExpression? declared, LambdaExpression filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        CheckPredicate(filter, nameof(filter));
        if (declared is null)
        {
            return filter;
        }

        CheckPredicate(declared, nameof(declared));
        ParameterExpression parameter = declared.Parameters[0];
        if (filter.Parameters[0].Type != parameter.Type)
        {
            throw new ArgumentException($"The filters are over different types: '{parameter.Type.FullName}' and '{filter.Parameters[0].Type.FullName}'.", nameof(filter));
        }

        Expression body = new ParameterReplacer(filter.Parameters[0], parameter).Visit(filter.Body);
        return Expression.Lambda(declared.Type, Expression.AndAlso(declared.Body, body), declared.Parameters);
    }

    /// <summary>
    /// The filter <c>e =&gt; EF.Property&lt;long?&gt;(e, PersonalDataModel.ErasureRequestedAtProperty) == null</c> over
    /// <paramref name="entityType"/>: for the root of an inheritance hierarchy, which the generated code knows only at
    /// run time (EF Core filters a hierarchy at its root).
    /// </summary>
    /// <param name="entityType">The CLR type of the hierarchy's root entity type.</param>
    /// <returns>The filter.</returns>
    public static LambdaExpression ErasureNotRequested(Type entityType)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        if (entityType.IsValueType)
        {
            throw new ArgumentException($"'{entityType.FullName}' is not an entity type: EF Core maps classes.", nameof(entityType));
        }

        // Written once over object, then rebound to the entity type: EF.Property takes the entity as an object.
        ParameterExpression parameter = Expression.Parameter(entityType, "e");
        Expression body = new ParameterReplacer(ErasureNotRequestedOverObject.Parameters[0], parameter).Visit(ErasureNotRequestedOverObject.Body);
        return Expression.Lambda(body, parameter);
    }

    private static readonly Expression<Func<object, bool>> ErasureNotRequestedOverObject =
        e => Microsoft.EntityFrameworkCore.EF.Property<long?>(e, PersonalDataModel.ErasureRequestedAtProperty) == null;

    private static void CheckPredicate(LambdaExpression filter, string name)
    {
        if (filter.Parameters.Count != 1 || filter.ReturnType != typeof(bool))
        {
            throw new ArgumentException("A query filter takes one entity and returns a bool.", name);
        }
    }

    private sealed class ParameterReplacer(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
