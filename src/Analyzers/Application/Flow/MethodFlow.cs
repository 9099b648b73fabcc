using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PiiGuard.Analyzers.Flow;

/// <summary>A value that reaches a sink: the operation, the sink, and whether the value is turned into text there.</summary>
internal readonly struct SinkSite
{
    public SinkSite(IOperation value, SinkHit hit, bool asText)
    {
        Value = value;
        Hit = hit;
        AsText = asText;
    }

    public IOperation Value { get; }

    public SinkHit Hit { get; }

    public bool AsText { get; }
}

/// <summary>
/// The flow of personal data through one method body (with its lambdas and local functions): may-taint,
/// flow-insensitive, over the body's own assignments.
/// </summary>
/// <remarks>
/// <para>
/// One walk collects what the body does: each assignment (to a local, a parameter, a field or property, an element
/// of a collection, a local function's parameter or return value), each call into a method of the compilation and
/// each operation that may be a sink. The assignments are then solved to a fixpoint with a work list: an assignment
/// is evaluated again only when a location it reads has gained taint, and a location's taint only grows (a bit per
/// parameter, and an origin that only moves to an earlier one), so the work is linear in the body's operations for
/// any real code. Last, each sink's value is evaluated once (memoised) against the solved state.
/// </para>
/// <para>
/// Flow-insensitive: an assignment anywhere in the body taints every read of its target in the body (a may-analysis,
/// as is usual for taint). Fields and properties are keyed by member, not by object: <c>a.Name = email</c> taints
/// every read of <c>Name</c> in that body. Between bodies, a member of the compilation that one body stores a personal
/// value in is personal where another reads it (<see cref="FlowContext.StoredOrigin"/>).
/// </para>
/// </remarks>
internal sealed class MethodFlow
{
    private const int MaxDepth = 200;

    private readonly FlowSymbols _symbols;
    private readonly IMethodSymbol? _method;
    private readonly ImmutableArray<IOperation> _roots;
    private readonly CancellationToken _cancellationToken;

    private readonly List<(ISymbol Target, IOperation Value, bool OutOf)> _assignments = new();
    private readonly List<IOperation> _sinkCandidates = new();
    private readonly List<IMethodSymbol> _callees = new();
    private readonly HashSet<IMethodSymbol> _calleeSet = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, List<IOperation>> _lambdaReturns = new(SymbolEqualityComparer.Default);

    private Dictionary<ISymbol, Taint> _state = new(SymbolEqualityComparer.Default);
    private Dictionary<IOperation, Taint>? _memo;
    private List<ISymbol>? _recorder;
    private readonly Stack<Taint> _conditionalAccess = new();
    private Func<IMethodSymbol, MethodSummary?> _summaryOf = _ => null;
    private Func<ISymbol, Origin?>? _storedOrigin;
    private Func<IMethodSymbol, Origin?>? _returnedOrigin;
    private bool _solvedOnce;
    private long _visited;

    private MethodFlow(FlowSymbols symbols, IMethodSymbol? method, ImmutableArray<IOperation> roots, CancellationToken cancellationToken)
    {
        _symbols = symbols;
        _method = method;
        _roots = roots;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The methods of the compilation this body calls (candidates for a summary), in the order of the body.</summary>
    public IReadOnlyList<IMethodSymbol> Callees => _callees;

    /// <summary>Operations visited so far (collecting and evaluating).</summary>
    public long Visited => _visited;

    /// <summary>Collects the body's assignments, calls and sink candidates (one walk).</summary>
    public static MethodFlow Collect(FlowSymbols symbols, IMethodSymbol? method, ImmutableArray<IOperation> roots, CancellationToken cancellationToken)
    {
        var flow = new MethodFlow(symbols, method, roots, cancellationToken);
        flow.Walk();
        return flow;
    }

    /// <summary>
    /// The method's summary, given the summaries of the methods it calls: which parameters reach the return value
    /// and which sink each reaches.
    /// </summary>
    public MethodSummary Summarize(Func<IMethodSymbol, MethodSummary?> summaryOf)
    {
        Solve(summaryOf);
        ulong returns = 0;
        Origin? returnOrigin = null;
        if (_method != null && _state.TryGetValue(_method, out Taint returned))
        {
            returns = returned.Parameters;
            returnOrigin = returned.Origin;
        }

        int count = _method?.Parameters.Length ?? 0;
        SinkHit?[] sinks = new SinkHit?[Math.Min(count, Taint.ThisBit)];
        int last = -1;
        foreach (IOperation candidate in _sinkCandidates)
        {
            foreach (SinkSite site in SinkSites(candidate))
            {
                Taint taint = EvaluateAt(site);
                for (int i = 0; i < sinks.Length; i++)
                {
                    if ((taint.Parameters & (1UL << i)) != 0 && sinks[i] is null)
                    {
                        sinks[i] = Within(site.Hit);
                        last = Math.Max(last, i);
                    }
                }
            }
        }

        var builder = ImmutableArray.CreateBuilder<SinkHit?>(last + 1);
        for (int i = 0; i <= last; i++)
        {
            builder.Add(sinks[i]);
        }

        return new MethodSummary(returns, returnOrigin, builder.MoveToImmutable());
    }

    /// <summary>
    /// Each value with a personal origin that reaches a sink in the body. A member of the compilation that another
    /// body stores a personal value in is personal where this body reads it (<paramref name="storedOrigin"/>, see
    /// <see cref="FlowContext.StoredOrigin"/>), and so is what a method or getter of the compilation returns from such
    /// members (<paramref name="returnedOrigin"/>); summaries do not use either, so that they never depend on each other through members.
    /// </summary>
    public void Report(
        Func<IMethodSymbol, MethodSummary?> summaryOf,
        Func<ISymbol, Origin?> storedOrigin,
        Func<IMethodSymbol, Origin?> returnedOrigin,
        Action<SinkSite, Taint, ImmutableArray<IOperation>> report)
    {
        // Most bodies reach no sink: they are not solved at all.
        _summaryOf = summaryOf;
        _storedOrigin = storedOrigin;
        _returnedOrigin = returnedOrigin;
        var sites = new List<SinkSite>();
        foreach (IOperation candidate in _sinkCandidates)
        {
            sites.AddRange(SinkSites(candidate));
        }

        if (sites.Count == 0)
        {
            return;
        }

        Solve(summaryOf);
        foreach (SinkSite site in sites)
        {
            Taint taint = EvaluateAt(site);
            if (taint.Origin != null)
            {
                report(site, taint, PartsToRedact(site));
            }
        }
    }

    /// <summary>
    /// Solves the body, once, for <see cref="StoredIn"/> and <see cref="TaintOf"/>: on its own sources and its callees'
    /// summaries, not on what other members hold.
    /// </summary>
    public void SolveOnce(Func<IMethodSymbol, MethodSummary?> summaryOf)
    {
        if (!_solvedOnce)
        {
            Solve(summaryOf);
            _solvedOnce = true;
        }
    }

    /// <summary>
    /// The personal origin of what this method returns when the members it reads hold what the compilation stores in
    /// them (<paramref name="storedOrigin"/>), or null: a getter's <c>=&gt; _email</c>, a method's <c>return _email;</c>.
    /// </summary>
    public Origin? ReturnedOrigin(Func<IMethodSymbol, MethodSummary?> summaryOf, Func<ISymbol, Origin?> storedOrigin)
    {
        _storedOrigin = storedOrigin;
        Solve(summaryOf);
        return _method != null && _state.TryGetValue(_method, out Taint returned) ? returned.Origin : null;
    }

    /// <summary>What this solved body stores in <paramref name="member"/> (a field or property): a personal origin of its own, and which of its parameters.</summary>
    public Taint StoredIn(ISymbol member) => _state.TryGetValue(member, out Taint stored) ? stored : Taint.Clean;

    /// <summary>What <paramref name="value"/>, an operation of this solved body (an argument it passes), may hold.</summary>
    public Taint TaintOf(IOperation value) => Evaluate(value, 0);

    /// <summary>The assignments of <c>SendDefaultPii = true</c> on Sentry's options in the body.</summary>
    public IEnumerable<ISimpleAssignmentOperation> SendDefaultPiiAssignments()
    {
        foreach (IOperation candidate in _sinkCandidates)
        {
            if (candidate is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "SendDefaultPii" } target } assignment &&
                assignment.Value.ConstantValue is { HasValue: true, Value: true } &&
                (FlowSymbols.DerivesFrom(target.Property.ContainingType, _symbols.SentryOptions) ||
                 FlowSymbols.DerivesFrom(target.Instance?.Type, _symbols.SentryOptions)))
            {
                yield return assignment;
            }
        }
    }

    /// <summary>What a message calls a value that reaches a sink: symbol names only, never a literal.</summary>
    public static string ValueName(IOperation value, Origin? origin)
    {
        IOperation unwrapped = Unwrap(value);
        return NameOf(unwrapped, 0) ?? origin?.Name ?? "the value";
    }

    // ---- collecting ----

    private void Walk()
    {
        var stack = new Stack<(IOperation Operation, ISymbol? Owner)>();
        for (int i = _roots.Length - 1; i >= 0; i--)
        {
            stack.Push((_roots[i], _method));
        }

        var children = new List<IOperation>();
        while (stack.Count > 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            (IOperation operation, ISymbol? owner) = stack.Pop();
            _visited++;
            ISymbol? childOwner = owner;
            switch (operation)
            {
                case IAnonymousFunctionOperation lambda:
                    childOwner = lambda.Symbol;
                    if (!_lambdaReturns.ContainsKey(lambda.Symbol))
                    {
                        _lambdaReturns.Add(lambda.Symbol, new List<IOperation>());
                    }

                    break;
                case ILocalFunctionOperation local:
                    childOwner = local.Symbol;
                    break;
                case IReturnOperation { ReturnedValue: { } returned }:
                    if (owner is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambdaOwner && _lambdaReturns.TryGetValue(lambdaOwner, out List<IOperation>? returns))
                    {
                        returns.Add(returned);
                    }
                    else if (owner != null)
                    {
                        _assignments.Add((owner, returned, false));
                    }

                    break;
                case IVariableDeclaratorOperation declarator:
                    if ((declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer) is { } initializer)
                    {
                        _assignments.Add((declarator.Symbol, initializer.Value, false));
                    }

                    break;
                case IAssignmentOperation assignment:
                    CollectAssignment(assignment);
                    break;
                case IInvocationOperation invocation:
                    CollectInvocation(invocation);
                    break;
                case IObjectCreationOperation creation:
                    _sinkCandidates.Add(creation);
                    if (creation.Constructor is { } constructor)
                    {
                        AddCallee(constructor);
                    }

                    break;
                case IPropertyReferenceOperation property:
                    if (property.Property.GetMethod is { } getter && !property.Property.IsIndexer)
                    {
                        AddCallee(getter);
                    }

                    break;
                case IPropertyInitializerOperation propertyInitializer:
                    _sinkCandidates.Add(operation);
                    foreach (IPropertySymbol initialized in propertyInitializer.InitializedProperties)
                    {
                        _assignments.Add((initialized.OriginalDefinition, propertyInitializer.Value, false));
                    }

                    break;
                case IFieldInitializerOperation fieldInitializer:
                    _sinkCandidates.Add(operation);
                    foreach (IFieldSymbol initialized in fieldInitializer.InitializedFields)
                    {
                        _assignments.Add((initialized.OriginalDefinition, fieldInitializer.Value, false));
                    }

                    break;
                case IForEachLoopOperation loop:
                    if (LoopVariable(loop.LoopControlVariable) is { } variable)
                    {
                        _assignments.Add((variable, loop.Collection, false));
                    }

                    break;
            }

            children.Clear();
            foreach (IOperation child in operation.ChildOperations)
            {
                children.Add(child);
            }

            for (int i = children.Count - 1; i >= 0; i--)
            {
                stack.Push((children[i], childOwner));
            }
        }
    }

    private static ISymbol? LoopVariable(IOperation variable) => variable switch
    {
        IVariableDeclaratorOperation declarator => declarator.Symbol,
        ILocalReferenceOperation local => local.Local,
        _ => null,
    };

    private void CollectAssignment(IAssignmentOperation assignment)
    {
        if (assignment is IDeconstructionAssignmentOperation deconstruction)
        {
            IOperation target = deconstruction.Target is IDeclarationExpressionOperation declaration ? declaration.Expression : deconstruction.Target;
            if (target is ITupleOperation tuple)
            {
                foreach (IOperation element in tuple.Elements)
                {
                    if (LocationOf(element) is { } key)
                    {
                        _assignments.Add((key, deconstruction.Value, false));
                    }
                }
            }

            return;
        }

        _sinkCandidates.Add(assignment);
        if (LocationOf(assignment.Target) is { } location)
        {
            _assignments.Add((location, assignment is ISimpleAssignmentOperation ? assignment.Value : assignment, false));
        }
    }

    private void CollectInvocation(IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        _sinkCandidates.Add(invocation);
        if (method.MethodKind == MethodKind.LocalFunction)
        {
            // A local function is part of this body: its parameters take what each call passes.
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter)
                {
                    _assignments.Add((parameter.OriginalDefinition, argument.Value, false));
                }
            }
        }
        else
        {
            AddCallee(method);
        }

        // A collection or builder that is given a personal value holds it.
        if (invocation.Instance is { } instance && LocationOf(instance) is { } receiver && FlowSymbols.Carries(instance.Type) && IsFilling(method.Name))
        {
            _assignments.Add((receiver, invocation, true));
        }

        // A lambda handed to a call takes what the call is given (its receiver and other arguments), as a foreach's
        // variable takes its collection: list.ForEach(x => ...), source.Select(x => ...), Parallel.ForEach(items, x => ...).
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (Lambda(argument.Value) is not { } lambda)
            {
                continue;
            }

            foreach (IParameterSymbol parameter in lambda.Symbol.Parameters)
            {
                if (!FlowSymbols.Carries(parameter.Type))
                {
                    continue;
                }

                if (invocation.Instance is { } given)
                {
                    _assignments.Add((parameter.OriginalDefinition, given, false));
                }

                foreach (IArgumentOperation other in invocation.Arguments)
                {
                    if (Lambda(other.Value) is null)
                    {
                        _assignments.Add((parameter.OriginalDefinition, other.Value, false));
                    }
                }
            }
        }

        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter is { RefKind: RefKind.Out or RefKind.Ref } && LocationOf(argument.Value) is { } written)
            {
                _assignments.Add((written, invocation, true));
            }
        }
    }

    /// <summary>The lambda an argument hands over, or null.</summary>
    private static IAnonymousFunctionOperation? Lambda(IOperation value) => value switch
    {
        IAnonymousFunctionOperation lambda => lambda,
        IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => lambda,
        IConversionOperation conversion => Lambda(conversion.Operand),
        _ => null,
    };

    /// <summary>Whether a call of a method named <paramref name="name"/> on a collection or builder fills it with its arguments.</summary>
    internal static bool IsFilling(string name) => name switch
    {
        "Add" or "AddRange" or "Append" or "AppendLine" or "AppendFormat" or "AppendJoin" or "Insert" or "InsertRange" or "Push" or
        "Enqueue" or "TryAdd" or "Prepend" or "Write" or "WriteLine" or "Set" or "SetValue" => true,
        _ => false,
    };

    private void AddCallee(IMethodSymbol method)
    {
        if (FlowContext.Candidate(method, _symbols) is { } candidate && _calleeSet.Add(candidate))
        {
            _callees.Add(candidate);
        }
    }

    /// <summary>The location an assignment to <paramref name="target"/> writes: a local, parameter, member, or the collection an element belongs to.</summary>
    private static ISymbol? LocationOf(IOperation target) => target switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field.OriginalDefinition,
        IPropertyReferenceOperation { Property.IsIndexer: true } indexer when indexer.Instance != null => LocationOf(indexer.Instance),
        IPropertyReferenceOperation property => property.Property.OriginalDefinition,
        IArrayElementReferenceOperation element => LocationOf(element.ArrayReference),
        IConversionOperation conversion => LocationOf(conversion.Operand),
        IParenthesizedOperation parenthesized => LocationOf(parenthesized.Operand),
        IDeclarationExpressionOperation declaration => LocationOf(declaration.Expression),
        _ => null,
    };

    // ---- solving ----

    private void Solve(Func<IMethodSymbol, MethodSummary?> summaryOf)
    {
        _summaryOf = summaryOf;
        _memo = null;
        _state = new Dictionary<ISymbol, Taint>(SymbolEqualityComparer.Default);
        if (_method != null)
        {
            for (int i = 0; i < _method.Parameters.Length; i++)
            {
                _state[_method.Parameters[i].OriginalDefinition] = Taint.OfParameter(i);
            }
        }

        var readers = new Dictionary<ISymbol, List<int>>(SymbolEqualityComparer.Default);
        var queue = new Queue<int>();
        var queued = new bool[_assignments.Count];
        var reads = new List<ISymbol>();
        for (int i = 0; i < _assignments.Count; i++)
        {
            reads.Clear();
            _recorder = reads;
            Taint value = EvaluateAssignment(i);
            _recorder = null;
            foreach (ISymbol read in reads)
            {
                if (!readers.TryGetValue(read, out List<int>? list))
                {
                    list = new List<int>();
                    readers.Add(read, list);
                }

                if (list.Count == 0 || list[list.Count - 1] != i)
                {
                    list.Add(i);
                }
            }

            Assign(_assignments[i].Target, value, readers, queue, queued);
        }

        while (queue.Count > 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            int i = queue.Dequeue();
            queued[i] = false;
            Assign(_assignments[i].Target, EvaluateAssignment(i), readers, queue, queued);
        }

        _memo = new Dictionary<IOperation, Taint>();
    }

    private Taint EvaluateAssignment(int index)
    {
        (_, IOperation value, bool outOf) = _assignments[index];
        return outOf ? Written((IInvocationOperation)value) : Evaluate(value, 0);
    }

    private void Assign(ISymbol target, Taint value, Dictionary<ISymbol, List<int>> readers, Queue<int> queue, bool[] queued)
    {
        if (value.IsClean)
        {
            return;
        }

        Taint before = _state.TryGetValue(target, out Taint current) ? current : Taint.Clean;
        Taint after = before.Join(value);
        if (after.SameAs(before))
        {
            return;
        }

        _state[target] = after;
        if (readers.TryGetValue(target, out List<int>? list))
        {
            foreach (int reader in list)
            {
                if (!queued[reader])
                {
                    queued[reader] = true;
                    queue.Enqueue(reader);
                }
            }
        }
    }

    private Taint Read(ISymbol symbol)
    {
        _recorder?.Add(symbol);
        return _state.TryGetValue(symbol, out Taint taint) ? taint : Taint.Clean;
    }

    // ---- evaluating ----

    private Taint EvaluateAt(SinkSite site) => site.AsText ? Text(site.Value, 0) : Evaluate(site.Value, 0);

    /// <summary>What a value holds when it is turned into text (an interpolation hole, a concatenation, a log argument): an exception's text is personal.</summary>
    private Taint Text(IOperation operation, int depth)
    {
        Taint taint = Evaluate(operation, depth);
        IOperation unwrapped = Unwrap(operation);
        if (FlowSymbols.DerivesFrom(unwrapped.Type, _symbols.Exception))
        {
            taint = taint.Join(Taint.Of(OriginAt(unwrapped, (NameOf(unwrapped, 0) ?? unwrapped.Type!.Name) + ".ToString()",
                "an exception's text: its message and stack trace")));
        }

        return taint;
    }

    private Taint Evaluate(IOperation? operation, int depth)
    {
        if (operation is null)
        {
            return Taint.Clean;
        }

        if (_memo != null && _memo.TryGetValue(operation, out Taint known))
        {
            return known;
        }

        Taint taint = depth > MaxDepth ? Taint.Clean : Compute(operation, depth + 1);
        _memo?.Add(operation, taint);
        return taint;
    }

    private Taint Compute(IOperation operation, int depth)
    {
        _visited++;
        switch (operation)
        {
            case ILiteralOperation:
            case IDefaultValueOperation:
            case ITypeOfOperation:
            case INameOfOperation:
            case ISizeOfOperation:
            case IThrowOperation:
            case IMethodReferenceOperation:
                return Taint.Clean;
            case IInstanceReferenceOperation instance:
                return instance.ReferenceKind == InstanceReferenceKind.ContainingTypeInstance ? Taint.OfThis() : Taint.Clean;
            case ILocalReferenceOperation local:
                return Read(local.Local);
            case IParameterReferenceOperation parameter:
                return WithAddress(parameter, Captured(parameter, Read(parameter.Parameter.OriginalDefinition)));
            case IFieldReferenceOperation field:
                return Member(field, field.Field, field.Instance, depth);
            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                return Indexer(indexer, depth);
            case IPropertyReferenceOperation property:
                return Member(property, property.Property, property.Instance, depth);
            case IConditionalAccessOperation conditional:
            {
                _conditionalAccess.Push(Evaluate(conditional.Operation, depth));
                Taint result = Evaluate(conditional.WhenNotNull, depth);
                _conditionalAccess.Pop();
                return result;
            }

            case IConditionalAccessInstanceOperation:
                return _conditionalAccess.Count > 0 ? _conditionalAccess.Peek() : Taint.Clean;
            case IConversionOperation conversion:
                return Evaluate(conversion.Operand, depth);
            case IParenthesizedOperation parenthesized:
                return Evaluate(parenthesized.Operand, depth);
            case IInvocationOperation invocation:
                return Invocation(invocation, depth);
            case IObjectCreationOperation creation:
                return FlowSymbols.Carries(creation.Type)
                    ? WithAddress(creation, Arguments(creation.Arguments, asText: false, depth).Join(Evaluate(creation.Initializer, depth)))
                    : Taint.Clean;
            case IObjectOrCollectionInitializerOperation initializer:
            {
                // A collection that holds a personal element is personal; so is an object with a personal member.
                Taint result = Taint.Clean;
                foreach (IOperation element in initializer.Initializers)
                {
                    result = result.Join(element is IInvocationOperation add ? Arguments(add.Arguments, asText: false, depth) : Evaluate(element, depth));
                }

                return result;
            }

            case IMemberInitializerOperation member:
                return Evaluate(member.Initializer, depth);
            case IArgumentOperation argument:
                return Evaluate(argument.Value, depth);
            case IArrayInitializerOperation array:
                return Union(array.ElementValues, depth);
            case IAssignmentOperation assignment:
                return assignment is ICompoundAssignmentOperation or ICoalesceAssignmentOperation
                    ? Evaluate(assignment.Target, depth).Join(Evaluate(assignment.Value, depth))
                    : Evaluate(assignment.Value, depth);
            case IInterpolatedStringOperation interpolated:
                return Interpolation(interpolated.Parts, depth);
            case IInterpolatedStringHandlerCreationOperation handler:
                return Evaluate(handler.Content, depth);
            case IInterpolatedStringAdditionOperation addition:
                return Evaluate(addition.Left, depth).Join(Evaluate(addition.Right, depth));
            case IBinaryOperation binary:
                return Binary(binary, depth);
            case IConditionalOperation conditional:
                return conditional.Type is null ? Taint.Clean : Evaluate(conditional.WhenTrue, depth).Join(Evaluate(conditional.WhenFalse, depth));
            case ICoalesceOperation coalesce:
                return Evaluate(coalesce.Value, depth).Join(Evaluate(coalesce.WhenNull, depth));
            case IAwaitOperation awaited:
                return Evaluate(awaited.Operation, depth);
            case ISwitchExpressionOperation switchExpression:
            {
                Taint result = Taint.Clean;
                foreach (ISwitchExpressionArmOperation arm in switchExpression.Arms)
                {
                    result = result.Join(Evaluate(arm.Value, depth));
                }

                return result;
            }

            case IAnonymousFunctionOperation lambda:
                return _lambdaReturns.TryGetValue(lambda.Symbol, out List<IOperation>? returns) ? Union(returns, depth) : Taint.Clean;
            case IDelegateCreationOperation delegateCreation:
                return Evaluate(delegateCreation.Target, depth);
            case IDeclarationExpressionOperation declaration:
                return Evaluate(declaration.Expression, depth);
            default:
                return operation.Type is null || !FlowSymbols.Carries(operation.Type) ? Taint.Clean : Union(operation.ChildOperations, depth);
        }
    }

    private Taint Union(IEnumerable<IOperation> operations, int depth)
    {
        Taint result = Taint.Clean;
        foreach (IOperation operation in operations)
        {
            result = result.Join(Evaluate(operation, depth));
        }

        return result;
    }

    private Taint Interpolation(ImmutableArray<IInterpolatedStringContentOperation> parts, int depth)
    {
        Taint result = Taint.Clean;
        foreach (IInterpolatedStringContentOperation part in parts)
        {
            if (part is IInterpolationOperation hole)
            {
                result = result.Join(Text(hole.Expression, depth));
            }
            else if (part is IInterpolatedStringAppendOperation { AppendCall: IInvocationOperation append })
            {
                foreach (IArgumentOperation argument in append.Arguments)
                {
                    result = result.Join(Text(argument.Value, depth));
                }
            }
        }

        return result;
    }

    private Taint Binary(IBinaryOperation binary, int depth)
    {
        if (binary.Type?.SpecialType != SpecialType.System_String)
        {
            return FlowSymbols.Carries(binary.Type)
                ? Evaluate(binary.LeftOperand, depth).Join(Evaluate(binary.RightOperand, depth))
                : Taint.Clean;
        }

        // A long concatenation is a deep left spine: walk it in a loop, not by recursion.
        Taint result = Taint.Clean;
        IOperation current = binary;
        while (current is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concat && concat.Type?.SpecialType == SpecialType.System_String)
        {
            _visited++;
            result = result.Join(Text(concat.RightOperand, depth));
            current = concat.LeftOperand;
        }

        return result.Join(Text(current, depth));
    }

    private Taint Member(IOperation reference, ISymbol member, IOperation? instance, int depth)
    {
        Taint taint = Read(member.OriginalDefinition);
        if (_symbols.MemberWhy(member) is { } why)
        {
            taint = taint.Join(Taint.Of(OriginAt(reference, MemberName(member, instance), why)));
        }
        else if (taint.Origin is null && _storedOrigin != null && FlowContext.IsStorage(member, _symbols) &&
            _storedOrigin(member.OriginalDefinition) is { } stored)
        {
            // Stored by another body (or this one's initializer): personal here too, and the message says where it came from.
            taint = taint.Join(StoredAt(reference, MemberName(member, instance), stored, member.ContainingType, member.Name));
        }

        if (instance != null && FlowSymbols.Carries(reference.Type))
        {
            taint = taint.Join(Evaluate(instance, depth));
        }

        if (member is IPropertySymbol { GetMethod: { } getter } && FlowContext.Candidate(getter, _symbols) is { } candidate &&
            (_summaryOf(candidate)?.ReturnOrigin ?? _returnedOrigin?.Invoke(candidate)) is { } inner)
        {
            taint = taint.Join(Taint.Of(inner));
        }

        return WithAddress(reference, taint);
    }

    /// <summary>A primary constructor's parameter read by another member of its type holds what the constructor was given.</summary>
    private Taint Captured(IParameterReferenceOperation reference, Taint taint)
    {
        IParameterSymbol parameter = reference.Parameter.OriginalDefinition;
        if (taint.Origin is null && _storedOrigin != null && parameter.ContainingSymbol is IMethodSymbol constructor &&
            !SymbolEqualityComparer.Default.Equals(constructor, _method) && FlowContext.IsPrimaryConstructor(constructor) &&
            FlowSymbols.Carries(parameter.Type) && _storedOrigin(parameter) is { } stored)
        {
            taint = taint.Join(StoredAt(reference, parameter.Name, stored, constructor.ContainingType, parameter.Name));
        }

        return taint;
    }

    /// <summary>A read of what another body stored in <paramref name="type"/>'s <paramref name="member"/>: the stored origin, and where it was kept.</summary>
    private Taint StoredAt(IOperation reference, string name, Origin stored, INamedTypeSymbol type, string member) =>
        Taint.Of(OriginAt(reference, name, stored.Why + ", stored in '" + type.Name + "." + member + "'"));

    private Taint Indexer(IPropertyReferenceOperation indexer, int depth)
    {
        Taint taint = Taint.Clean;
        if (indexer.Arguments.Length == 1 && indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key } &&
            (FlowSymbols.Implements(indexer.Instance?.Type, _symbols.HeaderDictionary) || FlowSymbols.Implements(indexer.Property.ContainingType, _symbols.HeaderDictionary)) &&
            FlowSymbols.HeaderWhy(key) is { } why)
        {
            taint = Taint.Of(OriginAt(indexer, (NameOf(indexer.Instance, 0) ?? "Headers") + "[\"" + (why.Contains("User-Agent") ? "User-Agent" : "Referer") + "\"]", why));
        }

        if (FlowSymbols.Carries(indexer.Type))
        {
            taint = taint.Join(Evaluate(indexer.Instance, depth)).Join(Arguments(indexer.Arguments, asText: false, depth));
        }

        return taint;
    }

    private Taint Invocation(IInvocationOperation invocation, int depth)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (!FlowSymbols.Carries(invocation.Type) || IsSanitizer(invocation))
        {
            return Taint.Clean;
        }

        if (method.Name == "ToString" && method.Parameters.Length == 0 && invocation.Instance is { } thrown && FlowSymbols.DerivesFrom(thrown.Type, _symbols.Exception))
        {
            return Taint.Of(OriginAt(invocation, (NameOf(thrown, 0) ?? thrown.Type!.Name) + ".ToString()", "an exception's text: its message and stack trace"));
        }

        Taint taint = Taint.Clean;
        if (method.Name is "FindFirst" or "FindFirstValue" or "FindAll" && invocation.Arguments.Length > 0)
        {
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Value.ConstantValue is { HasValue: true, Value: string claimType } && FlowSymbols.ClaimWhy(claimType) is { } why)
                {
                    taint = Taint.Of(OriginAt(invocation, method.Name + "(" + (why.Contains("e-mail") ? "email" : "name") + ")", why));
                }
            }
        }

        if (method.MethodKind == MethodKind.LocalFunction)
        {
            return taint.Join(Read(method.OriginalDefinition));
        }

        if (FlowContext.Candidate(method, _symbols) is { } candidate && _summaryOf(candidate) is { } summary)
        {
            if ((summary.ReturnOrigin ?? _returnedOrigin?.Invoke(candidate)) is { } returned)
            {
                taint = taint.Join(Taint.Of(returned));
            }

            if ((summary.ReturnParameters & (1UL << Taint.ThisBit)) != 0)
            {
                taint = taint.Join(Evaluate(invocation.Instance, depth));
            }

            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Parameter is { Ordinal: < Taint.ThisBit and var ordinal } && (summary.ReturnParameters & (1UL << ordinal)) != 0)
                {
                    taint = taint.Join(Evaluate(argument.Value, depth));
                }
            }

            return WithAddress(invocation, taint);
        }

        // A method PiiGuard knows nothing of: what goes in may come out, as text or data (not as an entity found by it).
        if (!FlowSymbols.CarriesThroughCalls(invocation.Type))
        {
            return WithAddress(invocation, taint);
        }

        bool text = method.Name is "ToString" or "Format" or "Concat" or "Join" ||
            FlowSymbols.Is(method.ContainingType, _symbols.StringBuilder) || method.ContainingType?.SpecialType == SpecialType.System_String;
        if (invocation.Instance != null)
        {
            taint = taint.Join(text ? Text(invocation.Instance, depth) : Evaluate(invocation.Instance, depth));
        }

        return WithAddress(invocation, taint.Join(Arguments(invocation.Arguments, text, depth)));
    }

    /// <summary>What an out or ref argument, or a collection filled by a call, receives: what the call was given.</summary>
    private Taint Written(IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (IsSanitizer(invocation))
        {
            return Taint.Clean;
        }

        Taint taint = Arguments(invocation.Arguments, asText: false, 0).Join(Evaluate(invocation.Instance, 0));
        if (method.Name == "TryGetValue" && invocation.Arguments.Length == 2 && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key } &&
            FlowSymbols.Implements(invocation.Instance?.Type ?? method.ContainingType, _symbols.HeaderDictionary) && FlowSymbols.HeaderWhy(key) is { } why)
        {
            taint = taint.Join(Taint.Of(OriginAt(invocation, "Headers.TryGetValue(" + (why.Contains("User-Agent") ? "User-Agent" : "Referer") + ")", why)));
        }

        return taint;
    }

    private Taint Arguments(ImmutableArray<IArgumentOperation> arguments, bool asText, int depth)
    {
        Taint taint = Taint.Clean;
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Parameter?.RefKind == RefKind.Out)
            {
                continue;
            }

            if (asText && argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } elements })
            {
                foreach (IOperation element in elements.ElementValues)
                {
                    taint = taint.Join(Text(element, depth));
                }

                continue;
            }

            taint = taint.Join(asText ? Text(argument.Value, depth) : Evaluate(argument.Value, depth));
        }

        return taint;
    }

    /// <summary>A Microsoft.Extensions.Compliance redactor, a keyed hash (HMAC) or a classification into an enum (by type, elsewhere).</summary>
    private bool IsSanitizer(IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        INamedTypeSymbol? type = method.ContainingType;
        return (method.Name == "Redact" && FlowSymbols.DerivesFrom(type, _symbols.Redactor)) || FlowSymbols.DerivesFrom(type, _symbols.Hmac) ||
            (method.Name.Contains("Hash") && FlowSymbols.DerivesFrom(invocation.Instance?.Type, _symbols.Hmac));
    }

    /// <summary>An IP address is personal whatever it came from, except the well-known ones (<c>IPAddress.Loopback</c>, <c>Any</c>, …).</summary>
    private Taint WithAddress(IOperation operation, Taint taint)
    {
        if (_symbols.IPAddress is { } address && FlowSymbols.Is(operation.Type, address) &&
            !(operation is IFieldReferenceOperation { Field.IsStatic: true } or IPropertyReferenceOperation { Property.IsStatic: true } &&
              FlowSymbols.Is(((IMemberReferenceOperation)operation).Member.ContainingType, address)) &&
            !(operation is IMemberReferenceOperation { Member.Name: "RemoteIpAddress" }))
        {
            taint = taint.Join(Taint.Of(OriginAt(operation, NameOf(operation, 0) ?? "IPAddress", "an IP address")));
        }

        return taint;
    }

    // ---- sinks ----

    private IEnumerable<SinkSite> SinkSites(IOperation candidate)
    {
        switch (candidate)
        {
            case IInvocationOperation invocation:
                return InvocationSinks(invocation);
            case IObjectCreationOperation creation:
                return CreationSinks(creation);
            case ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } assignment:
                return AssignmentSinks(target.Member, assignment.Value);
            case IPropertyInitializerOperation { InitializedProperties.Length: > 0 } initializer:
                return AssignmentSinks(initializer.InitializedProperties[0], initializer.Value);
            case IFieldInitializerOperation { InitializedFields.Length: > 0 } initializer:
                return AssignmentSinks(initializer.InitializedFields[0], initializer.Value);
            default:
                return Array.Empty<SinkSite>();
        }
    }

    private IEnumerable<SinkSite> AssignmentSinks(ISymbol member, IOperation value)
    {
        INamedTypeSymbol? type = member.ContainingType;
        if (type is null)
        {
            yield break;
        }

        if (ApplicationHas(member, _symbols.TelemetryField) && ApplicationHas(type, _symbols.TelemetryPayload))
        {
            yield return new SinkSite(value, new SinkHit(SinkKind.Telemetry, $"telemetry field '{type.Name}.{member.Name}'"), false);
        }
        else if (IsSentry(type) && type.Name is "SentryUser" or "User" && member.Name is "Email" or "Username" or "IpAddress" or "Id")
        {
            yield return new SinkSite(value, new SinkHit(SinkKind.Sentry, $"the Sentry user's {member.Name}"), true);
        }
    }

    private static bool ApplicationHas(ISymbol symbol, INamedTypeSymbol? attribute) =>
        Shared.ApplicationSymbols.FindAttribute(symbol, attribute, subclasses: false) != null;

    private static bool IsSentry(INamedTypeSymbol? type)
    {
        INamespaceSymbol? ns = type?.ContainingNamespace;
        while (ns?.ContainingNamespace is { IsGlobalNamespace: false } parent)
        {
            ns = parent;
        }

        return ns?.Name == "Sentry";
    }

    private IEnumerable<SinkSite> CreationSinks(IObjectCreationOperation creation)
    {
        if (creation.Constructor is not { } constructor)
        {
            yield break;
        }

        if (FlowContext.Candidate(constructor, _symbols) is { } candidate && _summaryOf(candidate) is { } summary)
        {
            foreach (SinkSite site in SummarySinks(creation.Arguments, summary, constructor))
            {
                yield return site;
            }

            yield break;
        }

        INamedTypeSymbol? type = creation.Type as INamedTypeSymbol;
        if (FlowSymbols.DerivesFrom(type, _symbols.Exception))
        {
            foreach (SinkSite site in MessageSinks(creation.Arguments, type!))
            {
                yield return site;
            }
        }
        else if (type != null && ApplicationHas(type, _symbols.TelemetryPayload))
        {
            // A positional record's parameter is the telemetry field of its name.
            foreach (IArgumentOperation argument in creation.Arguments)
            {
                if (argument.Parameter is { } parameter && !argument.IsImplicit)
                {
                    foreach (ISymbol member in type.GetMembers(parameter.Name))
                    {
                        if (member is IPropertySymbol or IFieldSymbol && ApplicationHas(member, _symbols.TelemetryField))
                        {
                            yield return new SinkSite(argument.Value, new SinkHit(SinkKind.Telemetry, $"telemetry field '{type.Name}.{member.Name}'"), false);
                        }
                    }
                }
            }
        }
    }

    /// <summary>The <c>message</c> argument of an exception's constructor (of a library: the compilation's own are summarised).</summary>
    private static IEnumerable<SinkSite> MessageSinks(ImmutableArray<IArgumentOperation> arguments, INamedTypeSymbol type)
    {
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Parameter is { Name: "message" } && !argument.IsImplicit)
            {
                yield return new SinkSite(argument.Value, new SinkHit(SinkKind.ExceptionMessage, $"the message of a new {type.Name}"), true);
            }
        }
    }

    private IEnumerable<SinkSite> SummarySinks(ImmutableArray<IArgumentOperation> arguments, MethodSummary summary, IMethodSymbol callee)
    {
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Parameter is { } parameter && !argument.IsImplicit && summary.SinkOf(parameter.Ordinal) is { } hit)
            {
                yield return new SinkSite(argument.Value, hit, false);
            }
        }
    }

    private IEnumerable<SinkSite> InvocationSinks(IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        INamedTypeSymbol? type = method.ContainingType;
        if (type is null)
        {
            yield break;
        }

        IMethodSymbol definition = method.PartialDefinitionPart ?? method;
        if (ApplicationHas(definition, _symbols.LoggerMessageAttribute) || (method.PartialImplementationPart is { } implementation && ApplicationHas(implementation, _symbols.LoggerMessageAttribute)))
        {
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter && !argument.IsImplicit && IsLoggedParameter(definition, parameter))
                {
                    yield return new SinkSite(argument.Value, new SinkHit(SinkKind.LoggerMessage, $"[LoggerMessage] method '{type.Name}.{method.Name}' (parameter '{parameter.Name}')"), true);
                }
            }

            yield break;
        }

        if (FlowSymbols.Is(type, _symbols.LoggerExtensions) && (method.Name.StartsWith("Log", StringComparison.Ordinal) || method.Name == "BeginScope"))
        {
            foreach (SinkSite site in Each(invocation.Arguments, new SinkHit(SinkKind.Log, "ILogger." + method.Name), skipReceiver: true))
            {
                yield return site;
            }

            yield break;
        }

        if (method.Name is "Log" or "BeginScope" && FlowSymbols.Implements(type, _symbols.ILogger))
        {
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "state")
                {
                    yield return new SinkSite(argument.Value, new SinkHit(SinkKind.Log, "ILogger." + method.Name), true);
                }
            }

            yield break;
        }

        if (method.Name.StartsWith("Write", StringComparison.Ordinal) &&
            (FlowSymbols.Is(type, _symbols.Console) ||
             (FlowSymbols.DerivesFrom(type, _symbols.TextWriter) && UnwrapOrNull(invocation.Instance) is IPropertyReferenceOperation { Property.Name: "Out" or "Error" } stream &&
              FlowSymbols.Is(stream.Property.ContainingType, _symbols.Console))))
        {
            string name = FlowSymbols.Is(type, _symbols.Console) ? "Console." + method.Name : "Console." + ((IPropertyReferenceOperation)Unwrap(invocation.Instance!)).Property.Name + "." + method.Name;
            foreach (SinkSite site in Each(invocation.Arguments, new SinkHit(SinkKind.Console, name), skipReceiver: false))
            {
                yield return site;
            }

            yield break;
        }

        if ((FlowSymbols.Is(type, _symbols.Debug) || FlowSymbols.Is(type, _symbols.Trace)) &&
            method.Name is "Write" or "WriteLine" or "WriteIf" or "WriteLineIf" or "Print" or "Fail" or "Assert" or "TraceInformation" or "TraceWarning" or "TraceError")
        {
            foreach (SinkSite site in Each(invocation.Arguments, new SinkHit(SinkKind.Console, type.Name + "." + method.Name), skipReceiver: false))
            {
                yield return site;
            }

            yield break;
        }

        if (IsSentry(type))
        {
            string? name = method.Name switch
            {
                "CaptureMessage" => "Sentry's CaptureMessage",
                "AddBreadcrumb" => "a Sentry breadcrumb",
                "SetTag" or "SetTags" => "a Sentry scope tag (" + method.Name + ")",
                "SetExtra" or "SetExtras" => "a Sentry scope extra (" + method.Name + ")",
                _ => null,
            };
            if (name != null)
            {
                foreach (SinkSite site in Each(invocation.Arguments, new SinkHit(SinkKind.Sentry, name), skipReceiver: method.IsExtensionMethod))
                {
                    yield return site;
                }
            }

            yield break;
        }

        if (FlowContext.Candidate(method, _symbols) is { } candidate && _summaryOf(candidate) is { } summary)
        {
            foreach (SinkSite site in SummarySinks(invocation.Arguments, summary, method))
            {
                yield return site;
            }
        }
        else if (method.MethodKind == MethodKind.Constructor && FlowSymbols.DerivesFrom(type, _symbols.Exception))
        {
            // A constructor's base(...) or this(...) call.
            foreach (SinkSite site in MessageSinks(invocation.Arguments, type))
            {
                yield return site;
            }
        }
    }

    /// <summary>Every argument that the sink writes (each element of a <c>params</c> array on its own), but the logger itself, exceptions and event ids.</summary>
    private IEnumerable<SinkSite> Each(ImmutableArray<IArgumentOperation> arguments, SinkHit hit, bool skipReceiver)
    {
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.IsImplicit && argument.ArgumentKind != ArgumentKind.ParamArray)
            {
                continue;
            }

            IParameterSymbol? parameter = argument.Parameter;
            if (parameter is null || (skipReceiver && parameter.Ordinal == 0) || FlowSymbols.DerivesFrom(parameter.Type, _symbols.Exception) ||
                parameter.Type.Name is "EventId" or "LogLevel" || parameter.Type.SpecialType == SpecialType.System_Boolean)
            {
                continue;
            }

            if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } elements })
            {
                foreach (IOperation element in elements.ElementValues)
                {
                    yield return new SinkSite(element, hit, true);
                }

                continue;
            }

            yield return new SinkSite(argument.Value, hit, true);
        }
    }

    private bool IsLoggedParameter(IMethodSymbol definition, IParameterSymbol parameter)
    {
        IParameterSymbol declared = parameter.Ordinal < definition.Parameters.Length ? definition.Parameters[parameter.Ordinal] : parameter;
        if (FlowSymbols.Implements(declared.Type, _symbols.ILogger) || FlowSymbols.DerivesFrom(declared.Type, _symbols.Exception) || declared.Type.Name == "LogLevel")
        {
            return false;
        }

        return Shared.ApplicationSymbols.FindAttribute(declared, _symbols.Application.DataClassificationAttribute, subclasses: true) is null &&
            Shared.ApplicationSymbols.FindAttribute(declared, _symbols.LogPropertyIgnoreAttribute, subclasses: true) is null &&
            Shared.ApplicationSymbols.FindAttribute(declared, _symbols.TagProviderAttribute, subclasses: true) is null;
    }

    /// <summary>The sink as a caller's message names it: inside the method that holds it.</summary>
    private SinkHit Within(SinkHit hit)
    {
        if (hit.Name.Contains(" in '") || _method is null)
        {
            return hit;
        }

        string owner = _method.MethodKind == MethodKind.Constructor
            ? _method.ContainingType.Name
            : _method.ContainingType.Name + "." + (_method.AssociatedSymbol?.Name ?? _method.Name);
        return new SinkHit(hit.Kind, hit.Name + " in '" + owner + "'");
    }

    /// <summary>The parts of a value a redactor should wrap: the personal holes of an interpolation or a concatenation, or the value.</summary>
    private ImmutableArray<IOperation> PartsToRedact(SinkSite site)
    {
        IOperation value = Unwrap(site.Value);
        var parts = ImmutableArray.CreateBuilder<IOperation>();
        if (value is IInterpolatedStringOperation interpolated)
        {
            foreach (IInterpolatedStringContentOperation part in interpolated.Parts)
            {
                if (part is IInterpolationOperation hole && Text(hole.Expression, 0).Origin != null)
                {
                    parts.Add(hole.Expression);
                }
            }
        }
        else if (value is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concat && concat.Type?.SpecialType == SpecialType.System_String)
        {
            var operands = new List<IOperation>();
            IOperation current = concat;
            while (current is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } inner && inner.Type?.SpecialType == SpecialType.System_String)
            {
                operands.Add(inner.RightOperand);
                current = inner.LeftOperand;
            }

            operands.Add(current);
            for (int i = operands.Count - 1; i >= 0; i--)
            {
                if (Text(operands[i], 0).Origin != null)
                {
                    parts.Add(Unwrap(operands[i]));
                }
            }
        }
        else
        {
            parts.Add(site.Value);
        }

        return parts.ToImmutable();
    }

    // ---- naming ----

    private Origin OriginAt(IOperation operation, string name, string why) =>
        new(name, why, operation.Syntax.SyntaxTree.FilePath ?? string.Empty, operation.Syntax.SpanStart);

    private static string MemberName(ISymbol member, IOperation? instance)
    {
        if (instance is null)
        {
            return (member.ContainingType?.Name is { } type ? type + "." : string.Empty) + member.Name;
        }

        return NameOf(instance, 0) is { } receiver ? receiver + "." + member.Name : member.Name;
    }

    private static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                default:
                    return operation;
            }
        }
    }

    private static IOperation? UnwrapOrNull(IOperation? operation) => operation is null ? null : Unwrap(operation);

    /// <summary>A short name of the operation made of symbol names (never a literal), or null when it has none.</summary>
    private static string? NameOf(IOperation? operation, int depth)
    {
        if (operation is null || depth > 3)
        {
            return null;
        }

        operation = Unwrap(operation);
        return operation switch
        {
            ILocalReferenceOperation local => local.Local.Name,
            IParameterReferenceOperation parameter => parameter.Parameter.Name,
            IInstanceReferenceOperation => null,
            IMemberReferenceOperation { Member.IsStatic: true } member => member.Member.ContainingType.Name + "." + member.Member.Name,
            IPropertyReferenceOperation { Property.IsIndexer: true } indexer => (NameOf(indexer.Instance, depth + 1) ?? "this") + "[…]",
            IMemberReferenceOperation member => NameOf(member.Instance, depth + 1) is { } receiver ? receiver + "." + member.Member.Name : member.Member.Name,
            IInvocationOperation invocation => (invocation.Instance is { } instance && NameOf(instance, depth + 1) is { } on
                ? on + "."
                : invocation.TargetMethod.IsStatic && invocation.TargetMethod.MethodKind != MethodKind.LocalFunction ? invocation.TargetMethod.ContainingType.Name + "." : string.Empty) + invocation.TargetMethod.Name + "(…)",
            IConditionalAccessOperation conditional => NameOf(conditional.Operation, depth + 1) is { } receiver && NameOf(conditional.WhenNotNull, depth + 1) is { } member
                ? receiver + "?" + member
                : null,
            IConditionalAccessInstanceOperation => string.Empty,
            _ => null,
        };
    }
}
