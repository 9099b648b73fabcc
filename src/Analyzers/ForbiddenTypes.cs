using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using static PiiGuard.Shared.SymbolNamespaces;

namespace PiiGuard.Analyzers;

/// <summary>A kind of type that a payload must not hold.</summary>
internal sealed class ForbiddenKind
{
    private ForbiddenKind(string description, string fix)
    {
        Description = description;
        Fix = fix;
    }

    public string Description { get; }

    public string Fix { get; }

    public static readonly ForbiddenKind Network = new(
        "a network type (addresses, hosts and URLs identify machines and the people behind them)",
        "send a count, a flag or an enum instead");

    public static readonly ForbiddenKind FileSystem = new(
        "a file-system type (paths and file names carry user and project names)",
        "send a count or an enum (for example a file type) instead");

    public static readonly ForbiddenKind Exception = new(
        "an exception (its message, stack trace and data can hold paths, addresses and user input)",
        "send an error type enum and a count instead");

    public static readonly ForbiddenKind Binary = new(
        "binary content (files, images and blobs can hold anything)",
        "send a size or a count instead");

    public static readonly ForbiddenKind Unbounded = new(
        "an unbounded value (it can hold anything, personal data included)",
        "declare a payload type with [TelemetryField] members, an enum or a number instead");
}

/// <summary>The forbidden types that one compilation references, resolved once.</summary>
internal sealed class ForbiddenTypes
{
    private int _shapesScanned;

    /// <summary>How many shapes were scanned part by part (the rest were answered from the shape), for tests that count the reuse.</summary>
    internal int ShapesScanned => System.Threading.Volatile.Read(ref _shapesScanned);

    /// <summary>
    /// The first part of a member's type that is forbidden, with its kind, or null. Scanned once per shape: every rule
    /// of every member of the type asks, and a shape belongs to one compilation, as this lookup does.
    /// </summary>
    public (ShapePart Part, ForbiddenKind Kind)? FirstForbidden(TypeShape shape)
    {
        if (shape.Forbidden is { } known)
        {
            return known.Value;
        }

        System.Threading.Interlocked.Increment(ref _shapesScanned);
        (ShapePart Part, ForbiddenKind Kind)? first = null;
        foreach (ShapePart part in shape.Parts)
        {
            if (Classify(part) is { } kind)
            {
                first = (part, kind);
                break;
            }
        }

        shape.Forbidden = new System.Runtime.CompilerServices.StrongBox<(ShapePart Part, ForbiddenKind Kind)?>(first);
        return first;
    }

    // By simple name, then checked by namespace: no GetTypeByMetadataName over every reference for each of them.
    private readonly Dictionary<string, (string[] Namespace, ForbiddenKind Kind)> _bases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ITypeSymbol, ForbiddenKind?> _byType = new(SymbolEqualityComparer.Default);
    private readonly Func<ITypeSymbol, ForbiddenKind?> _classifyType;
    private readonly INamedTypeSymbol _nonGenericEnumerable;
    private readonly INamedTypeSymbol _genericEnumerable;
    private readonly INamedTypeSymbol _valueType;
    private readonly INamedTypeSymbol _enum;

    public ForbiddenTypes(Compilation compilation)
    {
        _classifyType = t => ByBase(t) ?? NonGenericCollection(t);
        _nonGenericEnumerable = compilation.GetSpecialType(SpecialType.System_Collections_IEnumerable);
        _genericEnumerable = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
        Add(ForbiddenKind.Network,
            "System.Net.IPAddress", "System.Net.EndPoint", "System.Uri", "System.Net.NetworkInformation.PhysicalAddress",
            "System.Net.Mail.MailAddress", "System.Net.Mail.MailAddressCollection", "System.Net.IPNetwork", "System.Net.Cookie",
            "System.Net.CookieCollection", "System.Net.NetworkInformation.NetworkInterface");
        Add(ForbiddenKind.FileSystem, "System.IO.FileSystemInfo", "System.IO.DriveInfo");
        Add(ForbiddenKind.Exception, "System.Exception");
        Add(ForbiddenKind.Binary, "System.IO.Stream", "System.BinaryData");
        Add(ForbiddenKind.Unbounded,
            "System.Text.Json.JsonElement", "System.Text.Json.JsonDocument", "System.Text.Json.Nodes.JsonNode",
            "Newtonsoft.Json.Linq.JToken", "System.Xml.XmlNode", "System.Xml.Linq.XNode", "System.Delegate");

        // Every struct derives from ValueType and every enum from Enum: only the types themselves are unbounded.
        _valueType = compilation.GetSpecialType(SpecialType.System_ValueType);
        _enum = compilation.GetSpecialType(SpecialType.System_Enum);
    }

    public ForbiddenKind? Classify(ShapePart part)
    {
        ITypeSymbol type = part.Type;
        switch (type.TypeKind)
        {
            case TypeKind.Error:
                return null;
            case TypeKind.Dynamic:
                return ForbiddenKind.Unbounded;
            case TypeKind.TypeParameter:
                return IsEnumConstrained((ITypeParameterSymbol)type) ? null : ForbiddenKind.Unbounded;
            case TypeKind.Pointer or TypeKind.FunctionPointer:
                return ForbiddenKind.Unbounded;
        }

        if (type.SpecialType == SpecialType.System_Object ||
            SymbolEqualityComparer.Default.Equals(type, _valueType) || SymbolEqualityComparer.Default.Equals(type, _enum))
        {
            return ForbiddenKind.Unbounded;
        }

        if (part.IsContainer && part.Element?.SpecialType is SpecialType.System_Byte or SpecialType.System_SByte)
        {
            return ForbiddenKind.Binary;
        }

        // Numbers, strings, dates and enums are never forbidden: no need to look at their bases and interfaces.
        if (TypeShape.IsScalar(type))
        {
            return null;
        }

        return part.IsContainer ? ByBase(type) : _byType.GetOrAdd(type, _classifyType);
    }

    private ForbiddenKind? ByBase(ITypeSymbol type)
    {
        for (ITypeSymbol? current = type; current != null; current = current.BaseType)
        {
            if (_bases.TryGetValue(current.MetadataName, out (string[] Namespace, ForbiddenKind Kind) entry) && IsInNamespace(current, entry.Namespace))
            {
                return entry.Kind;
            }
        }

        return null;
    }

    /// <summary>ArrayList, Hashtable and other non-generic collections hold objects.</summary>
    private ForbiddenKind? NonGenericCollection(ITypeSymbol type) =>
        type.TypeKind != TypeKind.Array && Implements(type, _nonGenericEnumerable) && !Implements(type, _genericEnumerable)
            ? ForbiddenKind.Unbounded
            : null;

    private bool IsEnumConstrained(ITypeParameterSymbol parameter)
    {
        foreach (ITypeSymbol constraint in parameter.ConstraintTypes)
        {
            if (SymbolEqualityComparer.Default.Equals(constraint, _enum))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Implements(ITypeSymbol type, INamedTypeSymbol @interface)
    {
        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, @interface))
        {
            return true;
        }

        foreach (INamedTypeSymbol candidate in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, @interface))
            {
                return true;
            }
        }

        return false;
    }

    private void Add(ForbiddenKind kind, params string[] metadataNames)
    {
        foreach (string name in metadataNames)
        {
            int dot = name.LastIndexOf('.');
            _bases[name.Substring(dot + 1)] = (name.Substring(0, dot).Split('.'), kind);
        }
    }
}
