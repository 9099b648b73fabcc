namespace PiiGuard.Collector;

/// <summary>Which payload type <c>AddTelemetryCollector</c> was called for, so that <c>MapTelemetryCollector</c> can check it.</summary>
/// <param name="PayloadType">The payload type.</param>
internal sealed record CollectorRegistration(Type PayloadType);
