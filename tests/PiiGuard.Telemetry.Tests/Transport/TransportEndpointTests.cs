using System;
using PiiGuard.Telemetry.Submission;

namespace PiiGuard.Telemetry.Tests;

public sealed class TransportEndpointTests
{
    [Theory]
    [InlineData("https://collector.example", "https://collector.example/")]
    [InlineData("https://collector.example/", "https://collector.example/")]
    [InlineData("https://collector.example/telemetry", "https://collector.example/telemetry/")]
    [InlineData("https://collector.example:8443/a/b/", "https://collector.example:8443/a/b/")]
    [InlineData("HTTPS://Collector.Example/Path", "https://collector.example/Path/")]
    [InlineData("https://@collector.example/", "https://collector.example/")]
    public void Https_is_accepted_and_ends_with_a_slash(string endpoint, string expected)
    {
        Uri validated = TelemetryEndpoint.Validate(new Uri(endpoint), allowInsecureLoopback: false);

        Assert.Equal(expected, validated.AbsoluteUri);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://[::1]:5000/collector", "http://[::1]:5000/collector/")]
    [InlineData("http://localhost/", "http://localhost/")]
    [InlineData("http://LOCALHOST:8080/x/", "http://localhost:8080/x/")]
    public void Http_to_a_loopback_host_is_accepted_when_insecure_loopback_is_allowed(string endpoint, string expected)
    {
        Uri validated = TelemetryEndpoint.Validate(new Uri(endpoint), allowInsecureLoopback: true);

        Assert.Equal(expected, validated.AbsoluteUri);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://localhost/")]
    public void Http_to_a_loopback_host_is_refused_unless_allowed(string endpoint)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => TelemetryEndpoint.Validate(new Uri(endpoint), allowInsecureLoopback: false));

        Assert.Equal("endpoint", error.ParamName);
        Assert.Contains("must use https", error.Message);
        Assert.Contains("HTTPS-only", error.Message);
    }

    [Theory]
    [InlineData("http://collector.example/")]
    [InlineData("http://localhost.collector.example/")]
    [InlineData("http://localhost./")]
    [InlineData("http://192.0.2.10/")]
    public void Http_to_any_other_host_is_refused_even_when_insecure_loopback_is_allowed(string endpoint)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => TelemetryEndpoint.Validate(new Uri(endpoint), allowInsecureLoopback: true));

        Assert.Contains("must use https", error.Message);
        Assert.Contains("loopback", error.Message);
    }

    [Theory]
    [InlineData("ftp://collector.example/", "ftp")]
    [InlineData("ws://collector.example/", "ws")]
    [InlineData("wss://collector.example/", "wss")]
    [InlineData("file:///tmp/collector", "file")]
    public void Other_schemes_are_refused_and_named(string endpoint, string scheme)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => TelemetryEndpoint.Validate(new Uri(endpoint), allowInsecureLoopback: true));

        Assert.Contains("must use https", error.Message);
        Assert.Contains("'" + scheme + "'", error.Message);
    }

    [Fact]
    public void A_relative_uri_is_refused()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => TelemetryEndpoint.Validate(new Uri("collector/v1", UriKind.Relative), allowInsecureLoopback: false));

        Assert.Equal("endpoint", error.ParamName);
        Assert.Contains("absolute", error.Message);
    }

    [Fact]
    public void A_null_endpoint_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => TelemetryEndpoint.Validate(null!, allowInsecureLoopback: false));
    }

    [Theory]
    [InlineData("https://alice:hunter2-secret@collector.example/")]
    [InlineData("https://hunter2-secret@collector.example/")]
    [InlineData("http://alice:hunter2-secret@127.0.0.1:5000/")]
    public void User_information_is_refused_without_repeating_it(string endpoint)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => TelemetryEndpoint.Validate(new Uri(endpoint), allowInsecureLoopback: true));

        Assert.Contains("user information", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
        Assert.DoesNotContain("alice", error.Message);
    }

    [Theory]
    [InlineData("https://collector.example/v1?token=hunter2-secret")]
    [InlineData("https://collector.example/?")]
    public void A_query_is_refused_without_repeating_it(string endpoint)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => TelemetryEndpoint.Validate(new Uri(endpoint), allowInsecureLoopback: false));

        Assert.Contains("query", error.Message);
        Assert.Contains("https://collector.example", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
        Assert.DoesNotContain("token", error.Message);
        Assert.DoesNotContain("/v1", error.Message);
    }

    [Fact]
    public void A_fragment_is_refused_without_repeating_it()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => TelemetryEndpoint.Validate(new Uri("https://collector.example/v1#hunter2-secret"), allowInsecureLoopback: false));

        Assert.Contains("fragment", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }
}
