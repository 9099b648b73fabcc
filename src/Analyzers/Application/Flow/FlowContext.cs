using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace PiiGuard.Analyzers.Flow;

/// <summary>
/// The flow analysis of one compilation: its symbols and the summaries of its methods, each worked out once.
/// </summary>
/// <remarks>
/// <para>
/// Summaries. A call into a method of the compilation is not analysed again at each call site: the callee is
/// summarised once (which parameters reach its return value, which reach a sink inside it) and every call site
/// applies the summary. Summaries are computed under one lock per compilation, callees first (Tarjan's strongly
/// connected components over the calls, with an explicit stack, so a deep call chain cannot overflow the thread's
/// stack). The methods of a recursive cycle start from "nothing flows" and are summarised again, in a fixed order,
/// until none changes: the least fixpoint, which is unique, so a summary does not depend on which call site or
/// thread asked first. A summary grows only (a bit per parameter, a sink per parameter and an origin that only moves
/// earlier), so a cycle settles after a few passes. A method that others can stand in for (an interface's, an abstract
/// or virtual one) is summarised as its own body (if any) joined with its implementations and overrides in the
/// compilation, which are its callees in the order of the source. The cache holds one entry per method declared in the
/// compilation, and dies with it.
/// </para>
/// <para>
/// Why <see cref="Compilation.GetSemanticModel"/> (RS1030). A summary needs the callee's operations, and only its
/// semantic model gives them. The alternatives cost more: computing summaries from each method's own operation block
/// callback and resolving calls at the compilation's end would report nothing live in an IDE (compilation-end
/// diagnostics need full-solution analysis) and would need every method's analysis kept until the end. Since
/// Roslyn 3.9 the analyzer driver gives the compilation a caching semantic model provider, which
/// <see cref="Compilation.GetSemanticModel"/> uses: the callee's tree is bound once and shared with the driver, not
/// bound again here. Each callee is summarised once per compilation whatever the number of call sites.
/// </para>
/// </remarks>
internal sealed class FlowContext
{
    private readonly ConcurrentDictionary<IMethodSymbol, MethodSummary?> _final = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, Origin?> _stored = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, Origin?> _returned = new(SymbolEqualityComparer.Default);
    private readonly object _gate = new();

    // Under _gate: where the compilation's source may write a member or call a method, by name (see StoredOrigin), and
    // the bodies that store or pass values, solved once.
    private SourceIndex? _source;
    private Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>? _derived;
    private readonly Dictionary<ISymbol, MethodFlow?> _plain = new(SymbolEqualityComparer.Default);

    public FlowContext(FlowSymbols symbols, FlowCounters? counters)
    {
        Symbols = symbols;
        Counters = counters;
    }

    public FlowSymbols Symbols { get; }

    public FlowCounters? Counters { get; }

    /// <summary>
    /// The method a call to <paramref name="method"/> names, as summaries are keyed (its original definition, the
    /// implementation of a partial method), when it is a method of this compilation that may have a body or
    /// implementations (an interface's or abstract method, whose summary joins its implementations'); else null.
    /// </summary>
    public static IMethodSymbol? Candidate(IMethodSymbol method, FlowSymbols symbols)
    {
        method = Normalize(method);
        if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.Constructor or MethodKind.PropertyGet or MethodKind.ExplicitInterfaceImplementation) ||
            method.IsExtern || symbols.LoggerMessageAttribute != null &&
            Shared.ApplicationSymbols.FindAttribute(method.PartialDefinitionPart ?? method, symbols.LoggerMessageAttribute, subclasses: false) != null)
        {
            return null;
        }

        ImmutableArray<SyntaxReference> references = method.DeclaringSyntaxReferences;
        return references.Length == 1 && symbols.Compilation.ContainsSyntaxTree(references[0].SyntaxTree) ? method : null;
    }

    /// <summary>The summary of <paramref name="method"/> (a <see cref="Candidate"/>), or null when it has no body to summarise.</summary>
    public MethodSummary? SummaryOf(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (_final.TryGetValue(method, out MethodSummary? summary))
        {
            return summary;
        }

        lock (_gate)
        {
            if (!_final.ContainsKey(method))
            {
                Summarise(method, cancellationToken);
            }

            return _final.TryGetValue(method, out summary) ? summary : null;
        }
    }

    /// <summary>Reports what reaches a sink in one body (a method's, with its lambdas and local functions, or an initializer's).</summary>
    public void Analyze(ISymbol owner, ImmutableArray<IOperation> blocks, System.Action<SinkSite, Taint, ImmutableArray<IOperation>> report,
        System.Action<ISimpleAssignmentOperation> sendDefaultPii, CancellationToken cancellationToken)
    {
        Counters?.Analysed();
        MethodFlow flow = MethodFlow.Collect(Symbols, owner as IMethodSymbol, blocks, cancellationToken);
        flow.Report(
            callee => SummaryOf(callee, cancellationToken),
            member => StoredOrigin(member, cancellationToken),
            callee => ReturnedOrigin(callee, cancellationToken),
            report);
        foreach (ISimpleAssignmentOperation assignment in flow.SendDefaultPiiAssignments())
        {
            sendDefaultPii(assignment);
        }

        Counters?.Visited(flow.Visited);
    }

    /// <summary>
    /// Whether <paramref name="member"/> is a field or property of this compilation that can hold a personal value
    /// (text or data, not a number or a flag), so that what one body stores in it reaches the bodies that read it.
    /// </summary>
    public static bool IsStorage(ISymbol member, FlowSymbols symbols) =>
        member is IFieldSymbol { IsConst: false } or IPropertySymbol { IsIndexer: false } &&
        FlowSymbols.Carries(member is IFieldSymbol field ? field.Type : ((IPropertySymbol)member).Type) &&
        member.DeclaringSyntaxReferences.Length > 0 &&
        symbols.Compilation.ContainsSyntaxTree(member.DeclaringSyntaxReferences[0].SyntaxTree);

    /// <summary>Whether <paramref name="constructor"/> is a type's primary constructor (<c>record R(string Email)</c>, <c>class C(string email)</c>).</summary>
    public static bool IsPrimaryConstructor(IMethodSymbol constructor) =>
        constructor.MethodKind == MethodKind.Constructor && constructor.DeclaringSyntaxReferences.Length == 1 &&
        constructor.DeclaringSyntaxReferences[0].GetSyntax() is TypeDeclarationSyntax;

    /// <summary>
    /// The personal origin of what the compilation's source stores in <paramref name="member"/>: an
    /// <see cref="IsStorage"/> member, or a primary constructor's parameter that other members of its type read.
    /// A member is stored in by an assignment (<c>_email = user.Email</c>, an object initializer), an initializer
    /// (<c>string Host { get; } = Environment.MachineName</c>) or a filling call (<c>_seen.Add(email)</c>), anywhere;
    /// where the stored value is a parameter of the storing method or constructor (<c>_email = email</c>, a positional
    /// record's property, a primary constructor's parameter), what the callers pass for it counts. The first origin
    /// by file and position, or null when nothing personal is stored.
    /// </summary>
    /// <remarks>
    /// Each storing body and each caller is judged on its own sources and its callees' summaries, not on what other
    /// members hold and not on its own parameters, so a value is followed one step into a member (and from a caller's
    /// argument), and the result does not depend on which body asked first. Worked out once per member, under the
    /// summaries' lock (the bodies' callees are summarised on the way). The writes and calls are found by one syntax
    /// walk over the compilation's trees, by name, and bound only for members read on the way to a sink.
    /// </remarks>
    public Origin? StoredOrigin(ISymbol member, CancellationToken cancellationToken) =>
        _stored.TryGetValue(member, out Origin? origin) ? origin : WorkOut(_stored, member, m =>
        {
            Origin? stored = FindStoredOrigin(m, cancellationToken);
            Counters?.Stored(m.ContainingType.Name + "." + m.Name);
            return stored;
        });

    /// <summary>
    /// The personal origin of what <paramref name="method"/> (a <see cref="Candidate"/> whose summary returns no origin
    /// of its own) returns from the members it reads, as <see cref="StoredOrigin"/> has them: a getter's
    /// <c>=&gt; _email</c>, a method's <c>return _email;</c>; or null.
    /// </summary>
    /// <remarks>
    /// One step: the method's body reads members as stored, but what the methods it calls return from members is not
    /// followed, so that no working-out waits for another. Worked out once per method, under the summaries' lock.
    /// </remarks>
    public Origin? ReturnedOrigin(IMethodSymbol method, CancellationToken cancellationToken) =>
        _returned.TryGetValue(method, out Origin? origin) ? origin : WorkOut(_returned, method, m =>
        {
            MethodFlow? flow = Body(m, cancellationToken);
            Origin? returned = flow?.ReturnedOrigin(callee => SummaryOf(callee, cancellationToken), member => StoredOrigin(member, cancellationToken));
            Counters?.Visited(flow?.Visited ?? 0);
            return returned;
        });

    /// <summary>
    /// The origin <paramref name="find"/> works out for <paramref name="key"/>, once, under the summaries' lock (it
    /// summarises callees on the way); a cancelled working-out stores nothing.
    /// </summary>
    private Origin? WorkOut<TKey>(ConcurrentDictionary<TKey, Origin?> done, TKey key, System.Func<TKey, Origin?> find)
        where TKey : ISymbol
    {
        lock (_gate)
        {
            if (!done.TryGetValue(key, out Origin? origin))
            {
                origin = find(key);
                done[key] = origin;
            }

            return origin;
        }
    }

    // Under _gate.
    private Origin? FindStoredOrigin(ISymbol member, CancellationToken cancellationToken)
    {
        _source ??= SourceIndex.Of(Symbols.Compilation, cancellationToken);
        if (member is IParameterSymbol { ContainingSymbol: IMethodSymbol constructor } parameter)
        {
            return ArgumentOrigin(constructor, Bit(parameter), cancellationToken);
        }

        Origin? first = null;
        var bodies = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (SyntaxNode write in _source.WritesOf(member.Name))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (StoringBody(ModelOf(write), write, member, bodies, cancellationToken) is ({ } flow, var owner))
            {
                Taint stored = flow.StoredIn(member);
                first = Origin.First(first, stored.Origin);
                first = Origin.First(first, ArgumentOrigin(owner, stored.Parameters, cancellationToken));
            }
        }

        // A positional record's property holds what its primary constructor is given.
        if (member.DeclaringSyntaxReferences.Length == 1 && member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is ParameterSyntax declaration &&
            ModelOf(declaration).GetDeclaredSymbol(declaration, cancellationToken) is IParameterSymbol { ContainingSymbol: IMethodSymbol primary } positional)
        {
            first = Origin.First(first, ArgumentOrigin(primary, Bit(positional), cancellationToken));
        }

        return first;
    }

    private static ulong Bit(IParameterSymbol parameter) => parameter.Ordinal < Taint.ThisBit ? 1UL << parameter.Ordinal : 0;

#pragma warning disable RS1030 // See the remarks of this class: the driver's caching provider serves this model.
    private SemanticModel ModelOf(SyntaxNode node) => Symbols.Compilation.GetSemanticModel(node.SyntaxTree);
#pragma warning restore RS1030

    /// <summary>
    /// The body that holds <paramref name="write"/>, when it writes <paramref name="member"/> and that body was not
    /// looked at yet, with the method whose parameters it reads (the type's primary constructor for an initializer).
    /// </summary>
    private (MethodFlow Flow, IMethodSymbol? Owner)? StoringBody(SemanticModel model, SyntaxNode write, ISymbol member, HashSet<ISymbol> bodies, CancellationToken cancellationToken)
    {
        if (write is PropertyDeclarationSyntax or VariableDeclaratorSyntax)
        {
            // An initializer is a body of its own, which may read the primary constructor's parameters.
            EqualsValueClauseSyntax initializer = write is PropertyDeclarationSyntax property ? property.Initializer! : ((VariableDeclaratorSyntax)write).Initializer!;
            if (!SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(write, cancellationToken)?.OriginalDefinition, member) ||
                !bodies.Add(member) || model.GetOperation(initializer, cancellationToken) is not { } operation)
            {
                return null;
            }

            IMethodSymbol? primary = null;
            foreach (IMethodSymbol constructor in member.ContainingType.InstanceConstructors)
            {
                if (IsPrimaryConstructor(constructor))
                {
                    primary = constructor;
                }
            }

            MethodFlow flow = MethodFlow.Collect(Symbols, primary, ImmutableArray.Create(operation), cancellationToken);
            flow.SolveOnce(callee => SummaryOf(callee, cancellationToken));
            Counters?.Visited(flow.Visited);
            return (flow, primary);
        }

        SyntaxNode target = write switch
        {
            AssignmentExpressionSyntax assignment => assignment.Left,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Expression,
            _ => write,
        };
        while (target is ElementAccessExpressionSyntax element)
        {
            target = element.Expression;
        }

        if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(target, cancellationToken).Symbol?.OriginalDefinition, member) ||
            EnclosingMethod(model, write, cancellationToken) is not { } method || !bodies.Add(method) ||
            PlainFlow(method, cancellationToken) is not { } body)
        {
            return null;
        }

        return (body, method);
    }

    /// <summary>
    /// The body of <paramref name="method"/> solved on its own sources and its callees' summaries (not on what
    /// members hold), once per compilation, for what it stores and what it passes: a body that stores in many members
    /// or calls many constructors is solved once, not once per member.
    /// </summary>
    private MethodFlow? PlainFlow(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (!_plain.TryGetValue(method, out MethodFlow? flow))
        {
            flow = Body(method, cancellationToken);
            flow?.SolveOnce(callee => SummaryOf(callee, cancellationToken));
            _plain.Add(method, flow);
            Counters?.Visited(flow?.Visited ?? 0);
        }

        return flow;
    }

    /// <summary>
    /// The first personal origin of what the callers of <paramref name="method"/> pass for its
    /// <paramref name="parameters"/> (bit i for parameter i), each caller judged on its own sources.
    /// </summary>
    private Origin? ArgumentOrigin(IMethodSymbol? method, ulong parameters, CancellationToken cancellationToken)
    {
        parameters &= ~(1UL << Taint.ThisBit);
        if (method is null || parameters == 0)
        {
            return null;
        }

        method = Normalize(method);
        Origin? first = null;
        foreach (SyntaxNode call in _source!.CallsOf(method))
        {
            cancellationToken.ThrowIfCancellationRequested();
            SemanticModel model = ModelOf(call);
            (IMethodSymbol? target, ImmutableArray<IArgumentOperation> arguments) = model.GetOperation(call, cancellationToken) switch
            {
                IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
                IObjectCreationOperation creation => (creation.Constructor, creation.Arguments),
                _ => (null, default),
            };
            if (target is null || !SymbolEqualityComparer.Default.Equals(Normalize(target), method))
            {
                continue;
            }

            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.Parameter is { } parameter && (parameters & Bit(parameter)) != 0)
                {
                    first = Origin.First(first, CallerTaint(model, call, argument.Value, cancellationToken).Origin);
                }
            }
        }

        return first;
    }

    /// <summary>What <paramref name="value"/>, passed at <paramref name="call"/>, holds in the body that passes it.</summary>
    private Taint CallerTaint(SemanticModel model, SyntaxNode call, IOperation value, CancellationToken cancellationToken)
    {
        MethodFlow? flow = EnclosingMethod(model, call, cancellationToken) is { } method ? PlainFlow(method, cancellationToken) : null;
        if (flow is null)
        {
            // Not in a method's body (a field's initializer, a record's base call): the argument on its own.
            flow = MethodFlow.Collect(Symbols, null, ImmutableArray.Create(value), cancellationToken);
            flow.SolveOnce(callee => SummaryOf(callee, cancellationToken));
        }

        return flow.TaintOf(value);
    }

    /// <summary>The method whose body holds <paramref name="node"/> (a lambda's or local function's, which are part of it), or null.</summary>
    private static IMethodSymbol? EnclosingMethod(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        ISymbol? owner = model.GetEnclosingSymbol(node.SpanStart, cancellationToken);
        while (owner is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            owner = owner.ContainingSymbol;
        }

        return owner is IMethodSymbol { DeclaringSyntaxReferences.Length: 1 } method && !IsPrimaryConstructor(method) ? method : null;
    }

    /// <summary>A method as calls and bodies are compared: the one a reduced extension call names, its definition, a partial method's implementation.</summary>
    private static IMethodSymbol Normalize(IMethodSymbol method)
    {
        method = (method.ReducedFrom ?? method).OriginalDefinition;
        return method.PartialImplementationPart ?? method;
    }

    private sealed class Node
    {
        public Node(IMethodSymbol method, MethodFlow? flow, IReadOnlyList<IMethodSymbol> implementations, int index)
        {
            Method = method;
            Flow = flow;
            Implementations = implementations;
            Index = index;
            LowLink = index;
            if (implementations.Count == 0)
            {
                Callees = flow!.Callees;
            }
            else
            {
                var callees = new List<IMethodSymbol>(flow?.Callees ?? System.Array.Empty<IMethodSymbol>());
                callees.AddRange(implementations);
                Callees = callees;
            }
        }

        public IMethodSymbol Method { get; }

        /// <summary>The method's own body, or null for an interface's or abstract method.</summary>
        public MethodFlow? Flow { get; }

        /// <summary>The methods of the compilation a call to this one may run instead (implementations, overrides), in source order.</summary>
        public IReadOnlyList<IMethodSymbol> Implementations { get; }

        /// <summary>What the summary depends on: the body's callees, then the implementations.</summary>
        public IReadOnlyList<IMethodSymbol> Callees { get; }

        public int Index { get; }

        public int LowLink { get; set; }

        public int NextCallee { get; set; }

        public bool OnStack { get; set; } = true;

        public MethodSummary Approximation { get; set; } = MethodSummary.Bottom;
    }

    // Under _gate. Tarjan's algorithm with an explicit stack; each component is solved when its root completes, so
    // callees outside it are final by then.
    private void Summarise(IMethodSymbol root, CancellationToken cancellationToken)
    {
        var nodes = new Dictionary<IMethodSymbol, Node>(SymbolEqualityComparer.Default);
        var components = new Stack<Node>();
        var calls = new Stack<Node>();
        int counter = 0;

        Node? Visit(IMethodSymbol method)
        {
            MethodFlow? flow = method.IsAbstract ? null : Body(method, cancellationToken);
            IReadOnlyList<IMethodSymbol> implementations = Implementations(method, cancellationToken);
            if (flow is null && implementations.Count == 0)
            {
                _final[method] = null;
                return null;
            }

            var node = new Node(method, flow, implementations, counter++);
            nodes.Add(method, node);
            components.Push(node);
            calls.Push(node);
            return node;
        }

        MethodSummary? During(IMethodSymbol method) =>
            _final.TryGetValue(method, out MethodSummary? done) ? done : nodes.TryGetValue(method, out Node? node) ? node.Approximation : null;

        if (Visit(root) is null)
        {
            return;
        }

        while (calls.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Node node = calls.Peek();
            if (node.NextCallee < node.Callees.Count)
            {
                IMethodSymbol callee = node.Callees[node.NextCallee++];
                if (_final.ContainsKey(callee))
                {
                    continue;
                }

                if (nodes.TryGetValue(callee, out Node? seen))
                {
                    if (seen.OnStack)
                    {
                        node.LowLink = System.Math.Min(node.LowLink, seen.Index);
                    }

                    continue;
                }

                Visit(callee);
                continue;
            }

            calls.Pop();
            if (calls.Count > 0)
            {
                Node caller = calls.Peek();
                caller.LowLink = System.Math.Min(caller.LowLink, node.LowLink);
            }

            if (node.LowLink != node.Index)
            {
                continue;
            }

            var component = new List<Node>();
            Node member;
            do
            {
                member = components.Pop();
                component.Add(member);
            }
            while (member != node);

            component.Sort((a, b) => a.Index.CompareTo(b.Index));
            bool recursive = component.Count > 1 || Calls(node, node.Method);
            bool changed;
            do
            {
                changed = false;
                foreach (Node part in component)
                {
                    Counters?.Pass();
                    MethodSummary summary = part.Flow?.Summarize(During) ?? MethodSummary.Bottom;
                    foreach (IMethodSymbol implementation in part.Implementations)
                    {
                        if (During(implementation) is { } dispatched)
                        {
                            summary = summary.Join(dispatched);
                        }
                    }

                    if (!summary.SameAs(part.Approximation))
                    {
                        part.Approximation = summary;
                        changed = true;
                    }
                }
            }
            while (recursive && changed);

            foreach (Node part in component)
            {
                part.OnStack = false;
                _final[part.Method] = part.Approximation;
                Counters?.Summarised(part.Method.ContainingType.Name + "." + part.Method.Name);
                Counters?.Visited(part.Flow?.Visited ?? 0);
            }
        }
    }

    private static bool Calls(Node node, IMethodSymbol method)
    {
        foreach (IMethodSymbol callee in node.Callees)
        {
            if (SymbolEqualityComparer.Default.Equals(callee, method))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The methods of the compilation that a call to <paramref name="method"/> may run instead of it: an interface
    /// method's implementations, an abstract or virtual method's overrides, in source order (so that a joined summary
    /// names the same sink whichever thread asked). Empty for a method no other can stand in for.
    /// </summary>
    private IReadOnlyList<IMethodSymbol> Implementations(IMethodSymbol method, CancellationToken cancellationToken)
    {
        INamedTypeSymbol type = method.ContainingType;
        bool isInterface = type.TypeKind == TypeKind.Interface;
        if (method.MethodKind == MethodKind.Constructor || method.IsStatic ||
            !(isInterface || method.IsAbstract || method.IsVirtual || (method.IsOverride && !method.IsSealed)) || (type.IsSealed && !isInterface))
        {
            return System.Array.Empty<IMethodSymbol>();
        }

        _derived ??= DerivedTypes(cancellationToken);
        if (!_derived.TryGetValue(type.OriginalDefinition, out List<INamedTypeSymbol>? types))
        {
            return System.Array.Empty<IMethodSymbol>();
        }

        var found = new List<IMethodSymbol>();
        foreach (INamedTypeSymbol derived in types)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (isInterface)
            {
                foreach (INamedTypeSymbol implemented in derived.AllInterfaces)
                {
                    if (!SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, type.OriginalDefinition))
                    {
                        continue;
                    }

                    foreach (ISymbol member in implemented.GetMembers(method.Name))
                    {
                        if (SymbolEqualityComparer.Default.Equals(member.OriginalDefinition, method) &&
                            derived.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation)
                        {
                            Add(found, implementation);
                        }
                    }
                }
            }
            else
            {
                foreach (ISymbol member in derived.GetMembers(method.Name))
                {
                    for (IMethodSymbol? overridden = (member as IMethodSymbol) is { IsOverride: true } candidate ? candidate.OverriddenMethod : null;
                        overridden != null; overridden = overridden.OverriddenMethod)
                    {
                        if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, method))
                        {
                            Add(found, (IMethodSymbol)member);
                            break;
                        }
                    }
                }
            }
        }

        found.Sort(BySource);
        return found;

        void Add(List<IMethodSymbol> list, IMethodSymbol implementation)
        {
            if (Candidate(implementation, Symbols) is { } candidate && !SymbolEqualityComparer.Default.Equals(candidate, method) && !list.Contains(candidate, SymbolEqualityComparer.Default))
            {
                list.Add(candidate);
            }
        }
    }

    private static int BySource(IMethodSymbol a, IMethodSymbol b)
    {
        SyntaxReference x = a.DeclaringSyntaxReferences[0];
        SyntaxReference y = b.DeclaringSyntaxReferences[0];
        int byPath = string.CompareOrdinal(x.SyntaxTree.FilePath, y.SyntaxTree.FilePath);
        return byPath != 0 ? byPath : x.Span.Start.CompareTo(y.Span.Start);
    }

    /// <summary>Every class and struct declared in the compilation, by each interface it implements and each class it derives from (their definitions).</summary>
    private Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> DerivedTypes(CancellationToken cancellationToken)
    {
        var derived = new Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
        var namespaces = new Stack<INamespaceOrTypeSymbol>();
        namespaces.Push(Symbols.Compilation.Assembly.GlobalNamespace);
        while (namespaces.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            INamespaceOrTypeSymbol container = namespaces.Pop();
            if (container is INamespaceSymbol ns)
            {
                foreach (INamespaceSymbol inner in ns.GetNamespaceMembers())
                {
                    namespaces.Push(inner);
                }
            }

            foreach (INamedTypeSymbol type in container.GetTypeMembers())
            {
                namespaces.Push(type);
                if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
                {
                    continue;
                }

                foreach (INamedTypeSymbol implemented in type.AllInterfaces)
                {
                    AddTo(implemented.OriginalDefinition, type);
                }

                for (INamedTypeSymbol? baseType = type.BaseType; baseType != null && baseType.SpecialType == SpecialType.None; baseType = baseType.BaseType)
                {
                    AddTo(baseType.OriginalDefinition, type);
                }
            }
        }

        return derived;

        void AddTo(INamedTypeSymbol key, INamedTypeSymbol type)
        {
            if (!derived.TryGetValue(key, out List<INamedTypeSymbol>? list))
            {
                list = new List<INamedTypeSymbol>();
                derived.Add(key, list);
            }

            list.Add(type);
        }
    }

    /// <summary>The collected body of <paramref name="method"/>, or null when it has none (an auto-property's getter, a partial method without implementation, a positional record's constructor).</summary>
    private MethodFlow? Body(IMethodSymbol method, CancellationToken cancellationToken)
    {
        SyntaxNode syntax = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);

#pragma warning disable RS1030 // See the remarks of this class: the driver's caching provider serves this model.
        SemanticModel model = Symbols.Compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
        IOperation? body = model.GetOperation(syntax, cancellationToken);
        bool hasBody = body switch
        {
            IMethodBodyOperation methodBody => methodBody.BlockBody != null || methodBody.ExpressionBody != null,
            IConstructorBodyOperation => true,
            IBlockOperation => true,
            _ => false,
        };
        return hasBody ? MethodFlow.Collect(Symbols, method, ImmutableArray.Create(body!), cancellationToken) : null;
    }
}
