using System.Threading.Tasks;
using Verify = PiiGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<PiiGuard.Analyzers.LocationAndBehaviourAnalyzer>;

namespace PiiGuard.Analyzers.Tests;

public class LocationAndBehaviourAnalyzerTests
{
    [Theory]
    [InlineData("double", "Latitude")]
    [InlineData("double", "Longitude")]
    [InlineData("decimal", "Lat")]
    [InlineData("float", "Lng")]
    [InlineData("(double, double)", "GpsPosition")]
    [InlineData("double[]", "Coordinates")]
    [InlineData("string", "GeoIpCountry")]
    [InlineData("int", "ClickCount")]
    [InlineData("int", "Clicks")]
    [InlineData("int", "KeystrokesPerMinute")]
    [InlineData("int", "MouseMoves")]
    [InlineData("TimeSpan", "ScreenTime")]
    [InlineData("TimeSpan", "TimeOnScreen")]
    [InlineData("bool", "SessionRecording")]
    [InlineData("Dictionary<string, int>", "ClicksByButton")]
    [InlineData("int", "PageViews")]
    [InlineData("int", "KeyboardInputs")]
    [InlineData("bool", "KeyboardShortcutsUsed")]
    [InlineData("string", "Location")]
    [InlineData("string", "City")]
    [InlineData("string", "ClientGeoCountryIsoCode")]
    [InlineData("double", "UserRiskScore")]
    [InlineData("string", "Geohash")]
    [InlineData("int", "Pageviews")]
    [InlineData("double[]", "HeadMovement")]
    public Task Reports_location_and_behaviour_on_any_type(string type, string name) =>
        Verify.VerifyAsync($$"""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public {{type}} {|PII005:{{name}}|} { get; set; } = default!;
            }
            """);

    [Theory]
    [InlineData("int", "JobCount")]
    [InlineData("int", "Latency")]
    [InlineData("bool", "TimelapseEnabled")]
    [InlineData("int", "Plateau")]
    [InlineData("double", "Lateness")]
    [InlineData("int", "Geometry")]
    [InlineData("int", "LocationPrecision")]
    [InlineData("bool", "ClickTrackingEnabled")]
    [InlineData("double", "HostRiskScore")]
    [InlineData("CountryCode", "CountryCode")]
    public Task Other_names_are_fine(string type, string name) =>
        Verify.VerifyAsync($$"""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public {{type}} {{name}} { get; set; }
            }
            """);

    [Fact]
    public Task A_persons_last_activity_is_tracking_even_aggregated_to_the_day_and_a_machines_is_not() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField, Aggregated(Period.Day)] public DateTimeOffset {|PII005:MemberLastActivity|} { get; set; }
                [TelemetryField, Aggregated(Period.Day)] public DateTimeOffset HostLastActivity { get; set; }
                [TelemetryField, Aggregated(Period.Day)] public DateTimeOffset LastActivity { get; set; }
            }
            """);
}
