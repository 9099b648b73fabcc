namespace PiiGuard.Analyzers.Tests.Application.Stubs;

/// <summary>The part of the Sentry SDK the application-data tests compile against (same names and namespaces).</summary>
internal static class Sentry
{
    public const string Source = """
        namespace Sentry
        {
            public enum SentryLevel { Debug, Info, Warning, Error, Fatal }

            public readonly struct SentryId { }

            public class SentryUser
            {
                public string? Id { get; set; }
                public string? Username { get; set; }
                public string? Email { get; set; }
                public string? IpAddress { get; set; }
            }

            public class Scope
            {
                public SentryUser User { get; set; } = new SentryUser();
                public void SetTag(string key, string value) { }
                public void SetExtra(string key, object? value) { }
            }

            public class SentryOptions
            {
                public string? Dsn { get; set; }
                public bool SendDefaultPii { get; set; }
            }

            public static class SentrySdk
            {
                public static SentryId CaptureMessage(string message, SentryLevel level = SentryLevel.Info) => default;
                public static SentryId CaptureException(System.Exception exception) => default;
                public static void ConfigureScope(System.Action<Scope> configureScope) { }
                public static System.IDisposable Init(System.Action<SentryOptions> configureOptions) => null!;
            }
        }

        namespace Sentry.AspNetCore
        {
            public class SentryAspNetCoreOptions : Sentry.SentryOptions { }
        }
        """;
}
