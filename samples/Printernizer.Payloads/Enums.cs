using PiiGuard;

namespace Printernizer;

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
