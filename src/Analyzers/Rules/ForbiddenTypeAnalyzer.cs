using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PiiGuard.Analyzers;

/// <summary>
/// PII003: a payload member holds a type that carries personal data whatever the member is called: network
/// types (<c>IPAddress</c>, <c>IPEndPoint</c>, <c>Uri</c>, <c>PhysicalAddress</c>, <c>MailAddress</c>), file-system
/// types (<c>FileSystemInfo</c> and subclasses), exceptions, binary content (<c>byte[]</c>, <c>Stream</c>,
/// <c>Memory&lt;byte&gt;</c>, …) and unbounded values (<c>object</c>, <c>dynamic</c>, <c>JsonElement</c>, <c>JsonNode</c>, …).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ForbiddenTypeAnalyzer : PayloadAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ForbiddenType);

    private protected override void AnalyzeMember(PayloadMember member, Action<Diagnostic> report)
    {
        ForbiddenTypes forbidden = member.Symbols.GetLookup(static c => new ForbiddenTypes(c));
        foreach (ShapePart part in member.Shape.Parts)
        {
            if (forbidden.Classify(part) is { } kind)
            {
                string type = part.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                report(member.CreateDiagnostic(Descriptors.ForbiddenType, member.DisplayName, type, kind.Description, kind.Fix));
                return;
            }
        }
    }

    /// <summary>A kind of type that a payload must not hold.</summary>
    private sealed class Kind
    {
        private Kind(string description, string fix)
        {
            Description = description;
            Fix = fix;
        }

        public string Description { get; }

        public string Fix { get; }

        public static readonly Kind Network = new(
            "a network type (addresses, hosts and URLs identify machines and the people behind them)",
            "send a count, a flag or an enum instead");

        public static readonly Kind FileSystem = new(
            "a file-system type (paths and file names carry user and project names)",
            "send a count or an enum (for example a file type) instead");

        public static readonly Kind Exception = new(
            "an exception (its message, stack trace and data can hold paths, addresses and user input)",
            "send an error type enum and a count instead");

        public static readonly Kind Binary = new(
            "binary content (files, images and blobs can hold anything)",
            "send a size or a count instead");

        public static readonly Kind Unbounded = new(
            "an unbounded value (it can hold anything, personal data included)",
            "declare a payload type with [TelemetryField] members, an enum or a number instead");
    }

    /// <summary>The forbidden types that one compilation references, resolved once.</summary>
    private sealed class ForbiddenTypes
    {
        private readonly List<(INamedTypeSymbol Type, Kind Kind)> _bases = new();
        private readonly INamedTypeSymbol _nonGenericEnumerable;
        private readonly INamedTypeSymbol _genericEnumerable;
        private readonly INamedTypeSymbol _valueType;
        private readonly INamedTypeSymbol _enum;

        public ForbiddenTypes(Compilation compilation)
        {
            _nonGenericEnumerable = compilation.GetSpecialType(SpecialType.System_Collections_IEnumerable);
            _genericEnumerable = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
            Add(compilation, Kind.Network,
                "System.Net.IPAddress", "System.Net.EndPoint", "System.Uri", "System.Net.NetworkInformation.PhysicalAddress",
                "System.Net.Mail.MailAddress", "System.Net.Mail.MailAddressCollection", "System.Net.IPNetwork", "System.Net.Cookie",
                "System.Net.CookieCollection", "System.Net.NetworkInformation.NetworkInterface");
            Add(compilation, Kind.FileSystem, "System.IO.FileSystemInfo", "System.IO.DriveInfo");
            Add(compilation, Kind.Exception, "System.Exception");
            Add(compilation, Kind.Binary, "System.IO.Stream", "System.BinaryData");
            Add(compilation, Kind.Unbounded,
                "System.Text.Json.JsonElement", "System.Text.Json.JsonDocument", "System.Text.Json.Nodes.JsonNode",
                "Newtonsoft.Json.Linq.JToken", "System.Xml.XmlNode", "System.Xml.Linq.XNode", "System.Delegate");

            // Every struct derives from ValueType and every enum from Enum: only the types themselves are unbounded.
            _valueType = compilation.GetSpecialType(SpecialType.System_ValueType);
            _enum = compilation.GetSpecialType(SpecialType.System_Enum);
        }

        public Kind? Classify(ShapePart part)
        {
            ITypeSymbol type = part.Type;
            switch (type.TypeKind)
            {
                case TypeKind.Error:
                    return null;
                case TypeKind.Dynamic:
                    return Kind.Unbounded;
                case TypeKind.TypeParameter:
                    return IsEnumConstrained((ITypeParameterSymbol)type) ? null : Kind.Unbounded;
                case TypeKind.Pointer or TypeKind.FunctionPointer:
                    return Kind.Unbounded;
            }

            if (type.SpecialType == SpecialType.System_Object ||
                SymbolEqualityComparer.Default.Equals(type, _valueType) || SymbolEqualityComparer.Default.Equals(type, _enum))
            {
                return Kind.Unbounded;
            }

            if (part.IsContainer && part.Element?.SpecialType is SpecialType.System_Byte or SpecialType.System_SByte)
            {
                return Kind.Binary;
            }

            for (ITypeSymbol? current = type; current != null; current = current.BaseType)
            {
                foreach ((INamedTypeSymbol forbidden, Kind kind) in _bases)
                {
                    if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, forbidden))
                    {
                        return kind;
                    }
                }
            }

            // ArrayList, Hashtable and other non-generic collections hold objects.
            return !part.IsContainer && type.SpecialType != SpecialType.System_String && Implements(type, _nonGenericEnumerable) &&
                !Implements(type, _genericEnumerable) && type.TypeKind != TypeKind.Array
                ? Kind.Unbounded
                : null;
        }

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

        private void Add(Compilation compilation, Kind kind, params string[] metadataNames)
        {
            foreach (string name in metadataNames)
            {
                if (compilation.GetTypeByMetadataName(name) is { } type)
                {
                    _bases.Add((type, kind));
                }
            }
        }
    }
}
