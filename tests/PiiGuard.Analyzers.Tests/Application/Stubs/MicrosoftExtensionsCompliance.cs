namespace PiiGuard.Analyzers.Tests.Application.Stubs;

/// <summary>The part of Microsoft.Extensions.Compliance the application-data tests compile against: classifications and the redactor.</summary>
internal static class MicrosoftExtensionsCompliance
{
    public const string Source = """
        namespace Microsoft.Extensions.Compliance.Classification
        {
            public readonly struct DataClassification
            {
                public DataClassification(string taxonomyName, string value) { TaxonomyName = taxonomyName; Value = value; }
                public string TaxonomyName { get; }
                public string Value { get; }
            }

            [System.AttributeUsage(System.AttributeTargets.All)]
            public class DataClassificationAttribute : System.Attribute
            {
                protected DataClassificationAttribute(DataClassification classification) { Classification = classification; }
                public DataClassification Classification { get; }
            }
        }

        namespace Microsoft.Extensions.Compliance.Redaction
        {
            public abstract class Redactor
            {
                public string Redact(string? source) => "";
                public string Redact<T>(T value, string? format = null, System.IFormatProvider? provider = null) => "";
            }
        }
        """;
}
