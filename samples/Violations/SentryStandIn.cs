// A stand-in for the Sentry SDK's options (same name and namespace), so that this sample needs no Sentry package:
// PII111 finds Sentry's options by their metadata name.
namespace Sentry;

public class SentryOptions
{
    public bool SendDefaultPii { get; set; }
}
