using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PiiGuard.Shared;

namespace PiiGuard.Analyzers.Flow;

/// <summary>
/// The symbols the flow analysis looks for, resolved once per compilation by metadata name (PiiGuard references
/// none of these libraries), and the per-member judgement "is reading this member reading personal data", cached
/// for the compilation's own members.
/// </summary>
internal sealed class FlowSymbols
{
    private readonly ConcurrentDictionary<ISymbol, string?> _memberWhy = new(SymbolEqualityComparer.Default);
    private readonly AnalyzerOptions _options;
    private readonly INamedTypeSymbol? _keyAttribute;

    public FlowSymbols(Compilation compilation, ApplicationSymbols application, PiiGuardSymbols? piiGuard, AnalyzerOptions options)
    {
        Compilation = compilation;
        Application = application;
        PiiGuard = piiGuard;
        _options = options;
        _keyAttribute = compilation.GetTypeByMetadataName(ApplicationScope.KeyAttributeMetadataName);
        Exception = compilation.GetTypeByMetadataName("System.Exception");
        Environment = compilation.GetTypeByMetadataName("System.Environment");
        Console = compilation.GetTypeByMetadataName("System.Console");
        TextWriter = compilation.GetTypeByMetadataName("System.IO.TextWriter");
        Debug = compilation.GetTypeByMetadataName("System.Diagnostics.Debug");
        Trace = compilation.GetTypeByMetadataName("System.Diagnostics.Trace");
        IPAddress = compilation.GetTypeByMetadataName("System.Net.IPAddress");
        Hmac = compilation.GetTypeByMetadataName("System.Security.Cryptography.HMAC");
        ClaimsPrincipal = compilation.GetTypeByMetadataName("System.Security.Claims.ClaimsPrincipal");
        ClaimsIdentity = compilation.GetTypeByMetadataName("System.Security.Claims.ClaimsIdentity");
        Identity = compilation.GetTypeByMetadataName("System.Security.Principal.IIdentity");
        StringBuilder = compilation.GetTypeByMetadataName("System.Text.StringBuilder");
        ILogger = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.ILogger");
        LoggerExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.LoggerExtensions");
        LoggerMessageAttribute = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.LoggerMessageAttribute");
        LogPropertyIgnoreAttribute = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.LogPropertyIgnoreAttribute");
        TagProviderAttribute = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.TagProviderAttribute");
        Redactor = compilation.GetTypeByMetadataName("Microsoft.Extensions.Compliance.Redaction.Redactor");
        ConnectionInfo = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.ConnectionInfo");
        HeaderDictionary = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.IHeaderDictionary");
        SentryOptions = compilation.GetTypeByMetadataName("Sentry.SentryOptions");
        TelemetryPayload = compilation.GetTypeByMetadataName(MetadataNames.TelemetryPayloadAttributeMetadataName);
        TelemetryField = compilation.GetTypeByMetadataName(MetadataNames.TelemetryFieldAttributeMetadataName);
    }

    public Compilation Compilation { get; }

    public ApplicationSymbols Application { get; }

    public PiiGuardSymbols? PiiGuard { get; }

    public INamedTypeSymbol? Exception { get; }

    public INamedTypeSymbol? Environment { get; }

    public INamedTypeSymbol? Console { get; }

    public INamedTypeSymbol? TextWriter { get; }

    public INamedTypeSymbol? Debug { get; }

    public INamedTypeSymbol? Trace { get; }

    public INamedTypeSymbol? IPAddress { get; }

    public INamedTypeSymbol? Hmac { get; }

    public INamedTypeSymbol? ClaimsPrincipal { get; }

    public INamedTypeSymbol? ClaimsIdentity { get; }

    public INamedTypeSymbol? Identity { get; }

    public INamedTypeSymbol? StringBuilder { get; }

    public INamedTypeSymbol? ILogger { get; }

    public INamedTypeSymbol? LoggerExtensions { get; }

    public INamedTypeSymbol? LoggerMessageAttribute { get; }

    public INamedTypeSymbol? LogPropertyIgnoreAttribute { get; }

    public INamedTypeSymbol? TagProviderAttribute { get; }

    public INamedTypeSymbol? Redactor { get; }

    public INamedTypeSymbol? ConnectionInfo { get; }

    public INamedTypeSymbol? HeaderDictionary { get; }

    public INamedTypeSymbol? SentryOptions { get; }

    public INamedTypeSymbol? TelemetryPayload { get; }

    public INamedTypeSymbol? TelemetryField { get; }

    /// <summary>Whether a value of <paramref name="type"/> derived from personal data carries it on (text, objects, collections) or not (numbers, flags, enums, dates, GUIDs).</summary>
    public static bool Carries(ITypeSymbol? type)
    {
        if (type is null)
        {
            return true;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Void:
            case SpecialType.System_Boolean:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Decimal:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_IntPtr:
            case SpecialType.System_UIntPtr:
            case SpecialType.System_DateTime:
                return false;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return false;
        }

        if (type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true })
        {
            switch (type.Name)
            {
                case "DateTimeOffset":
                case "TimeSpan":
                case "Guid":
                case "DateOnly":
                case "TimeOnly":
                case "Half":
                case "Int128":
                case "UInt128":
                    return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether the result of a library call given a personal value carries it: text and data (strings, arrays,
    /// <c>object</c>, the platform's types such as collections, tasks and builders of those), but not an application
    /// type, which such a call finds or makes by the value rather than holding it (<c>repository.FindByEmail(email)</c>
    /// returns a user, not an e-mail address).
    /// </summary>
    public static bool CarriesThroughCalls(ITypeSymbol? type) => CarriesThroughCalls(type, 0);

    private static bool CarriesThroughCalls(ITypeSymbol? type, int depth)
    {
        if (!Carries(type) || type is null)
        {
            return false;
        }

        switch (type)
        {
            case IArrayTypeSymbol:
            case IDynamicTypeSymbol:
            case ITypeParameterSymbol:
                return true;
        }

        if (type.SpecialType is SpecialType.System_Object or SpecialType.System_String or SpecialType.System_Char)
        {
            return true;
        }

        string? root = RootNamespace(type);
        if (root != "System" && root != "Microsoft")
        {
            return false;
        }

        if (type is INamedTypeSymbol { IsGenericType: true } generic && depth < 4)
        {
            foreach (ITypeSymbol argument in generic.TypeArguments)
            {
                if (CarriesThroughCalls(argument, depth + 1))
                {
                    return true;
                }
            }

            return false;
        }

        return true;
    }

    private static string? RootNamespace(ITypeSymbol type)
    {
        INamespaceSymbol? ns = type.ContainingNamespace;
        if (ns is null || ns.IsGlobalNamespace)
        {
            return null;
        }

        while (ns.ContainingNamespace is { IsGlobalNamespace: false } parent)
        {
            ns = parent;
        }

        return ns.Name;
    }

    public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (ITypeSymbol? current = type; current != null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Implements(ITypeSymbol? type, INamedTypeSymbol? iface)
    {
        if (type is null || iface is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, iface))
        {
            return true;
        }

        foreach (INamedTypeSymbol candidate in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, iface))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        expected != null && type != null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

    /// <summary>
    /// Why reading <paramref name="member"/> reads personal data, or null when it does not: a classified member
    /// (anywhere), a personal member of a <c>[DataSubject]</c> type that is not <c>[NotPersonalData]</c>, or a known
    /// personal source of the platform (the machine and user name, an exception's message, the client's IP address).
    /// </summary>
    /// <remarks>
    /// Cached per member the compilation reads (its own and its references' members that its code names): bounded by
    /// the compilation, and dropped with it.
    /// </remarks>
    public string? MemberWhy(ISymbol member)
    {
        member = member.OriginalDefinition;
        return _memberWhy.TryGetValue(member, out string? why) ? why : _memberWhy.GetOrAdd(member, ComputeMemberWhy);
    }

    private string? ComputeMemberWhy(ISymbol member)
    {
        if (member is not (IPropertySymbol or IFieldSymbol))
        {
            return null;
        }

        INamedTypeSymbol? type = member.ContainingType;
        if (Is(type, Environment))
        {
            return member.Name switch
            {
                "UserName" => "the signed-in account's user name",
                "MachineName" => "the machine's name",
                "UserDomainName" => "the account's domain name",
                _ => null,
            };
        }

        if (Is(type, ConnectionInfo) && member.Name == "RemoteIpAddress")
        {
            return "the client's IP address";
        }

        if (member is IPropertySymbol && DerivesFrom(type, Exception))
        {
            if (member.Name == "Message")
            {
                return "an exception's message, which holds whatever it was built from";
            }

            if (member.Name == "StackTrace")
            {
                return "an exception's stack trace";
            }
        }

        if (member.Name == "Name" && (Implements(type, Identity) || DerivesFrom(type, ClaimsIdentity)))
        {
            return "the signed-in user's name";
        }

        if (Implements(type, HeaderDictionary))
        {
            return member.Name switch
            {
                "UserAgent" => "the User-Agent request header",
                "Referer" => "the Referer request header",
                _ => null,
            };
        }

        if (Application.Classify(member) is { } classification)
        {
            string name = type is null ? member.Name : type.Name + "." + member.Name;
            return classification.Source switch
            {
                ClassificationSource.PiiGuard when classification.Kind is { } kind => $"classified {kind} member '{name}'",
                ClassificationSource.PiiGuard => $"classified member '{name}'",
                _ => $"member '{name}' classified [{AttributeName(classification.Attribute)}]",
            };
        }

        if (type != null && Application.IsDataSubject(type) && !Application.IsMarkedNotPersonal(member) && PiiGuard != null &&
            !ApplicationScope.IsRowKey(member, _keyAttribute) &&
            member.Locations.Length > 0 && member.Locations[0].SourceTree is { } tree &&
            PersonalMemberReader.Read(member, PiiGuard, PiiGuardOptions.For(_options.AnalyzerConfigOptionsProvider.GetOptions(tree))) is { } finding)
        {
            return $"member '{type.Name}.{member.Name}' of data subject '{type.Name}', named like {finding.Category.Description}";
        }

        return null;
    }

    private static string AttributeName(AttributeData attribute)
    {
        string name = attribute.AttributeClass?.Name ?? "classification";
        return name.EndsWith("Attribute", StringComparison.Ordinal) && name.Length > "Attribute".Length
            ? name.Substring(0, name.Length - "Attribute".Length)
            : name;
    }

    /// <summary>Why the value of a header indexer read with key <paramref name="key"/> is personal, or null.</summary>
    public static string? HeaderWhy(string? key)
    {
        if (key is null)
        {
            return null;
        }

        if (string.Equals(key, "User-Agent", StringComparison.OrdinalIgnoreCase))
        {
            return "the User-Agent request header";
        }

        return string.Equals(key, "Referer", StringComparison.OrdinalIgnoreCase) || string.Equals(key, "Referrer", StringComparison.OrdinalIgnoreCase)
            ? "the Referer request header"
            : null;
    }

    /// <summary>Why a claim of type <paramref name="claimType"/> is personal, or null: name and e-mail claims.</summary>
    public static string? ClaimWhy(string? claimType)
    {
        switch (claimType)
        {
            case "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name":
            case "name":
            case "unique_name":
            case "preferred_username":
            case "given_name":
            case "family_name":
            case "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname":
            case "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname":
                return "a signed-in user's name claim";
            case "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress":
            case "email":
            case "upn":
            case "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn":
                return "a signed-in user's e-mail claim";
            default:
                return null;
        }
    }
}
