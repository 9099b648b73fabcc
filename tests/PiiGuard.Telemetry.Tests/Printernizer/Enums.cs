using PiiGuard;

namespace Printernizer;

// The telemetry tests' own copy of Printernizer's payload and report builder (the originals are in samples/Printernizer.Payloads
// and samples/Printernizer/Statistics.cs): a library test references no sample. tests/PiiGuard.Telemetry.Child compiles
// these files too. The namespace stays Printernizer, as the payload is Printernizer's.

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
