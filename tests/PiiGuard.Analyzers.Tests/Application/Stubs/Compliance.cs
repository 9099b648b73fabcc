namespace PiiGuard.Analyzers.Tests.Application.Stubs;

/// <summary>
/// Microsoft.Extensions.Compliance's <c>DataClassification</c> and <c>DataClassificationAttribute</c>, and an app's own
/// classification attribute derived from it (<c>Taxonomy.PrivateDataAttribute</c>), as small stubs.
/// </summary>
internal static class Compliance
{
    public const string Source = """
        namespace Microsoft.Extensions.Compliance.Classification
        {
            public readonly struct DataClassification
            {
                public DataClassification(string taxonomyName, string value)
                {
                    TaxonomyName = taxonomyName;
                    Value = value;
                }

                public string TaxonomyName { get; }

                public string Value { get; }
            }

            [System.AttributeUsage(System.AttributeTargets.Property | System.AttributeTargets.Field | System.AttributeTargets.Parameter)]
            public class DataClassificationAttribute : System.Attribute
            {
                protected DataClassificationAttribute(DataClassification classification) => Classification = classification;

                public DataClassification Classification { get; }
            }
        }

        namespace Taxonomy
        {
            public sealed class PrivateDataAttribute : Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute
            {
                public PrivateDataAttribute()
                    : base(new Microsoft.Extensions.Compliance.Classification.DataClassification("App", "Private"))
                {
                }
            }
        }
        """;
}
