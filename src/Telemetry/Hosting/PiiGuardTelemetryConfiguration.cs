using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace PiiGuard.Telemetry.Hosting;

/// <summary>
/// Reads the options that configuration can hold (text, numbers, booleans, time spans, the endpoint) from an
/// <see cref="IConfiguration"/> section, by name and without reflection, so that the package stays trim-safe. A value
/// that is not of its option's type, and a key that names no option that can be read, become problems that
/// <see cref="PiiGuardTelemetryOptions.FindProblems"/> reports: they name the key, never the value.
/// </summary>
internal static class PiiGuardTelemetryConfiguration
{
    private const string Prefix = "PiiGuardTelemetryOptions.";

    private static readonly Dictionary<string, Action<PiiGuardTelemetryOptions, string, string>> s_readers = new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(PiiGuardTelemetryOptions.DataDirectory)] = static (options, _, value) => options.DataDirectory = value,
        [nameof(PiiGuardTelemetryOptions.DatabaseFileName)] = static (options, _, value) => options.DatabaseFileName = value,
        [nameof(PiiGuardTelemetryOptions.TimeZoneId)] = static (options, _, value) => options.TimeZoneId = value.Length == 0 ? null : value,
        [nameof(PiiGuardTelemetryOptions.UserAgent)] = static (options, _, value) => options.UserAgent = value,
        [nameof(PiiGuardTelemetryOptions.Endpoint)] = static (options, key, value) =>
        {
            if (value.Length == 0)
            {
                options.Endpoint = null;
            }
            else if (Uri.TryCreate(value, UriKind.RelativeOrAbsolute, out Uri? endpoint))
            {
                options.Endpoint = endpoint;
            }
            else
            {
                Problem(options, key, "a URI (such as https://stats.example.org/)");
            }
        },
        [nameof(PiiGuardTelemetryOptions.AllowInsecureLoopbackEndpointForTesting)] = static (options, key, value) =>
        {
            if (bool.TryParse(value, out bool allow))
            {
                options.AllowInsecureLoopbackEndpointForTesting = allow;
            }
            else
            {
                Problem(options, key, "true or false");
            }
        },
        [nameof(PiiGuardTelemetryOptions.MaxPendingWeeks)] = static (options, key, value) =>
        {
            if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int weeks))
            {
                options.MaxPendingWeeks = weeks;
            }
            else
            {
                Problem(options, key, "a whole number");
            }
        },
        [nameof(PiiGuardTelemetryOptions.RequestTimeout)] = static (options, key, value) => ReadTimeSpan(options, key, value, static (o, t) => o.RequestTimeout = t),
        [nameof(PiiGuardTelemetryOptions.FlushInterval)] = static (options, key, value) => ReadTimeSpan(options, key, value, static (o, t) => o.FlushInterval = t),
        [nameof(PiiGuardTelemetryOptions.SchedulerInterval)] = static (options, key, value) => ReadTimeSpan(options, key, value, static (o, t) => o.SchedulerInterval = t),
        [nameof(PiiGuardTelemetryOptions.SchedulerStartDelay)] = static (options, key, value) => ReadTimeSpan(options, key, value, static (o, t) => o.SchedulerStartDelay = t),
        [nameof(PiiGuardTelemetryOptions.BusyTimeout)] = static (options, key, value) => ReadTimeSpan(options, key, value, static (o, t) => o.BusyTimeout = t),
    };

    // Options that are objects, not text: set in code.
    private static readonly HashSet<string> s_codeOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        nameof(PiiGuardTelemetryOptions.TrustedRootCertificates),
        nameof(PiiGuardTelemetryOptions.HttpClientFactory),
        nameof(PiiGuardTelemetryOptions.ErrorClassifier),
    };

    /// <summary>Sets the options <paramref name="configuration"/>'s keys name; keys it does not have keep their values.</summary>
    /// <param name="configuration">The section that holds the options.</param>
    /// <param name="options">The options to set.</param>
    public static void Bind(IConfiguration configuration, PiiGuardTelemetryOptions options)
    {
        foreach (IConfigurationSection section in configuration.GetChildren())
        {
            string key = section.Key;
            if (s_codeOnly.Contains(key))
            {
                options.AddConfigurationProblem(Prefix + key + " is an object and cannot be read from configuration: set it in code.");
            }
            else if (!s_readers.TryGetValue(key, out Action<PiiGuardTelemetryOptions, string, string>? read))
            {
                options.AddConfigurationProblem("PiiGuardTelemetryOptions has no option '" + key + "' (a key in the configuration section); check its spelling.");
            }
            else if (section.Value is not { } value)
            {
                // No value: a section with children is a mistake; a key with neither (null) leaves the option as it is.
                if (section.GetChildren().GetEnumerator().MoveNext())
                {
                    options.AddConfigurationProblem(Prefix + key + " must be a single value, not a section.");
                }
            }
            else
            {
                read(options, key, value.Trim());
            }
        }
    }

    private static void ReadTimeSpan(PiiGuardTelemetryOptions options, string key, string value, Action<PiiGuardTelemetryOptions, TimeSpan> set)
    {
        if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out TimeSpan span))
        {
            set(options, span);
        }
        else
        {
            Problem(options, key, "a time span such as 00:15:00 (hours:minutes:seconds) or 1.00:00:00 (a day)");
        }
    }

    private static void Problem(PiiGuardTelemetryOptions options, string key, string expected) =>
        options.AddConfigurationProblem(Prefix + NameOf(key) + " in configuration must be " + expected + ".");

    // The option's own spelling, whatever case the configuration used.
    private static string NameOf(string key)
    {
        foreach (string name in s_readers.Keys)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return key;
    }
}
