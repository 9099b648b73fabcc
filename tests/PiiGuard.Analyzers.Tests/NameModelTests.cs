using PiiGuard.Shared;
using PiiGuard.Shared.Names;

namespace PiiGuard.Analyzers.Tests;

/// <summary>
/// The name model on its own, with the default profile: how a name's head and subject combine with the member's type.
/// Each case is a general rule, not a name of one schema; the analyzer tests check how the rules report the findings.
/// </summary>
public class NameModelTests
{
    /// <summary>The shapes a case names: <c>text</c>, <c>number</c>, <c>bool</c>, <c>map</c> (an open map of text).</summary>
    private static ValueShapes Shape(string shape) => shape switch
    {
        "text" => ValueShapes.Text,
        "number" => ValueShapes.Number,
        "bool" => ValueShapes.Boolean,
        "map" => ValueShapes.Text | ValueShapes.TextMap,
        "number map" => ValueShapes.Text | ValueShapes.Number,
        _ => throw new System.ArgumentException("unknown shape " + shape, nameof(shape)),
    };

    private static string Judge(string name, string shape) =>
        NameModel.Judge(NameWords.Split(name), Shape(shape), Vocabulary.Default, Vocabulary.Empty, Vocabulary.Empty)?.Category.Id ?? "clean";

    [Theory]
    // An open map of text takes any keys and any values: "metrics" or "items" as text are not a measure.
    [InlineData("Metrics", "map", "blob")]
    [InlineData("ServiceEntityMetrics", "map", "blob")]
    [InlineData("Items", "map", "blob")]
    [InlineData("Totals", "map", "blob")]
    // A map of numbers is a measure; a map of kinds is a kind.
    [InlineData("Metrics", "number map", "clean")]
    [InlineData("Items", "number", "clean")]
    [InlineData("MetricNames", "text", "clean")]
    [InlineData("ErrorTypes", "map", "clean")]
    public void Open_maps_of_text_are_documents_unless_they_name_a_kind_a_flag_or_a_thing_of_the_software(string name, string shape, string expected) =>
        Assert.Equal(expected, Judge(name, shape));
}
