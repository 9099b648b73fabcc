using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace PiiGuard.Telemetry.Hosting;

/// <summary>
/// Validates <see cref="PiiGuardTelemetryOptions"/> for the options system, with the rules
/// <see cref="UsageStatistics.Open{TPayload}"/> applies (<see cref="PiiGuardTelemetryOptions.FindProblems"/>, the one
/// place for them): registered with <c>ValidateOnStart</c>, a bad option fails the host's start with an
/// <see cref="OptionsValidationException"/> whose failures name the option, never its value.
/// </summary>
internal sealed class PiiGuardTelemetryOptionsValidator : IValidateOptions<PiiGuardTelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, PiiGuardTelemetryOptions options)
    {
        // UsageStatistics takes the default (unnamed) options; named ones are the app's own business.
        if (name is not null && name != Options.DefaultName)
        {
            return ValidateOptionsResult.Skip;
        }

        List<string> problems = options.FindProblems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
