using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace PiiGuard.Runtime.Tests;

/// <summary>Validates JSON against the JSON Schema PiiGuard generated for a payload type, with NJsonSchema.</summary>
internal static class SchemaValidation
{
    public static JsonSchema SchemaOf<T>() => JsonSchema.FromJsonAsync(TelemetrySchema.For<T>().JsonSchema).GetAwaiter().GetResult();

    /// <summary>The validation errors, as text; empty when the document is valid.</summary>
    public static List<string> Errors<T>(string json) =>
        SchemaOf<T>().Validate(Parse(json)).Select(Describe).ToList();

    /// <summary>
    /// Parses as NJsonSchema does (dates stay strings), and turns integers beyond <see cref="long"/> into
    /// <see cref="ulong"/> or <see cref="decimal"/> values: Newtonsoft.Json reads them as <see cref="BigInteger"/>,
    /// which NJsonSchema 11's number checks cannot convert (an InvalidCastException, not a validation error).
    /// </summary>
    private static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        JToken root = JToken.ReadFrom(reader);
        IEnumerable<JToken> tokens = root is JContainer container ? container.DescendantsAndSelf() : [root];
        foreach (JValue value in tokens.OfType<JValue>().Where(v => v.Value is BigInteger).ToList())
        {
            var big = (BigInteger)value.Value!;
            value.Value = big >= ulong.MinValue && big <= ulong.MaxValue ? (object)(ulong)big : (decimal)big;
        }

        return root;
    }

    private static string Describe(ValidationError error) =>
        error is ChildSchemaValidationError child
            ? $"{error.Kind} at {error.Path}: " + string.Join("; ", child.Errors.SelectMany(e => e.Value).Select(Describe))
            : $"{error.Kind} at {error.Path}";
}
