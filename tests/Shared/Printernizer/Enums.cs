using PiiGuard;

namespace Printernizer;

// The tests' own copy of the seed payload (samples/Printernizer.Payloads declares the original): a library test
// references no sample, so these tests keep their payload when the sample changes. One copy, compiled into
// tests/PiiGuard.Runtime.Tests, tests/PiiGuard.Telemetry.Tests and tests/PiiGuard.Telemetry.Child. The namespace stays
// Printernizer, the payload's name in the generated code and the fixtures.

public enum Platform
{
    Linux,
    Windows,
    MacOs,
}

public enum DeploymentMode
{
    Standalone,
    Docker,
    RaspberryPi,

    /// <summary>The Home Assistant add-on; the policy's payload spells it "homeassistant".</summary>
    [TelemetryValue("homeassistant")]
    HomeAssistant,
}

public enum PrinterType
{
    BambuLab,
    Prusa,
}

public enum ErrorType
{
    ConnectionTimeout,
    FileDownloadFailed,
    UnknownError,
}
