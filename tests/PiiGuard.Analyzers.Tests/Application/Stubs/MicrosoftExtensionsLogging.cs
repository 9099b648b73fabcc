namespace PiiGuard.Analyzers.Tests.Application.Stubs;

/// <summary>The part of Microsoft.Extensions.Logging the application-data tests compile against (same names and namespaces).</summary>
internal static class MicrosoftExtensionsLogging
{
    public const string Source = """
        namespace Microsoft.Extensions.Logging
        {
            public enum LogLevel { Trace, Debug, Information, Warning, Error, Critical, None }

            public readonly struct EventId
            {
                public EventId(int id, string? name = null) { Id = id; Name = name; }
                public int Id { get; }
                public string? Name { get; }
                public static implicit operator EventId(int id) => new EventId(id);
            }

            public interface ILogger
            {
                void Log<TState>(LogLevel logLevel, EventId eventId, TState state, System.Exception? exception, System.Func<TState, System.Exception?, string> formatter);
                bool IsEnabled(LogLevel logLevel);
                System.IDisposable? BeginScope<TState>(TState state) where TState : notnull;
            }

            public interface ILogger<out TCategoryName> : ILogger { }

            public static class LoggerExtensions
            {
                public static void LogTrace(this ILogger logger, string? message, params object?[] args) { }
                public static void LogDebug(this ILogger logger, string? message, params object?[] args) { }
                public static void LogInformation(this ILogger logger, string? message, params object?[] args) { }
                public static void LogInformation(this ILogger logger, EventId eventId, string? message, params object?[] args) { }
                public static void LogWarning(this ILogger logger, string? message, params object?[] args) { }
                public static void LogError(this ILogger logger, string? message, params object?[] args) { }
                public static void LogError(this ILogger logger, System.Exception? exception, string? message, params object?[] args) { }
                public static void LogCritical(this ILogger logger, string? message, params object?[] args) { }
                public static void Log(this ILogger logger, LogLevel logLevel, string? message, params object?[] args) { }
                public static System.IDisposable? BeginScope(this ILogger logger, string messageFormat, params object?[] args) => null;
            }

            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class LoggerMessageAttribute : System.Attribute
            {
                public LoggerMessageAttribute() { }
                public LoggerMessageAttribute(int eventId, LogLevel level, string message) { }
                public int EventId { get; set; }
                public LogLevel Level { get; set; }
                public string Message { get; set; } = "";
            }

            [System.AttributeUsage(System.AttributeTargets.Parameter | System.AttributeTargets.Property)]
            public sealed class LogPropertyIgnoreAttribute : System.Attribute { }
        }
        """;
}
