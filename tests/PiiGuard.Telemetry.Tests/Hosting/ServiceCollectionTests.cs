using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PiiGuard;
using PiiGuard.Telemetry.Hosting;
using Printernizer;

namespace PiiGuard.Telemetry.Tests;

/// <summary>
/// The Microsoft.Extensions conventions of <c>services.AddPiiGuardTelemetry(...)</c>: options through
/// <see cref="IOptions{TOptions}"/> bound from configuration and validated at host start, <see cref="ILogger{TCategoryName}"/>
/// from the container, and registrations that a second call does not repeat.
/// </summary>
public sealed class ServiceCollectionTests : IDisposable
{
    // Only so that a scheduler that never runs fails the test instead of hanging it; no result depends on it.
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    private readonly TestFolder _folder = new();
    private readonly FakeTimeProvider _time = TestStore.Clock();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_registration_method_is_in_the_namespace_of_IServiceCollection()
    {
        Assert.Equal(typeof(IServiceCollection).Namespace, typeof(PiiGuardTelemetryServiceCollectionExtensions).Namespace);
    }

    [Fact]
    public void Every_bindable_option_is_read_from_a_configuration_section()
    {
        IConfiguration configuration = Configuration(new Dictionary<string, string?>
        {
            ["PiiGuard:Telemetry:DataDirectory"] = _folder.Path,
            ["PiiGuard:Telemetry:DatabaseFileName"] = "stats.db",
            ["PiiGuard:Telemetry:Endpoint"] = "http://127.0.0.1:5099/collector",
            ["PiiGuard:Telemetry:AllowInsecureLoopbackEndpointForTesting"] = "true",
            ["PiiGuard:Telemetry:RequestTimeout"] = "00:00:12",
            ["PiiGuard:Telemetry:TimeZoneId"] = "Europe/Berlin",
            ["PiiGuard:Telemetry:MaxPendingWeeks"] = "3",
            ["PiiGuard:Telemetry:FlushInterval"] = "00:01:00",
            ["PiiGuard:Telemetry:SchedulerInterval"] = "01:00:00",
            ["PiiGuard:Telemetry:SchedulerStartDelay"] = "00:00:00",
            ["PiiGuard:Telemetry:busytimeout"] = "00:00:02", // keys are case-insensitive, as configuration's are
            ["PiiGuard:Telemetry:UserAgent"] = "Printernizer/2.1",
        });
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddPiiGuardTelemetry(configuration.GetSection("PiiGuard:Telemetry"), week => UsageReports.Build(week));
        using ServiceProvider provider = services.BuildServiceProvider();

        PiiGuardTelemetryOptions options = provider.GetRequiredService<IOptions<PiiGuardTelemetryOptions>>().Value;

        Assert.Equal(_folder.Path, options.DataDirectory);
        Assert.Equal("stats.db", options.DatabaseFileName);
        Assert.Equal(new Uri("http://127.0.0.1:5099/collector"), options.Endpoint);
        Assert.True(options.AllowInsecureLoopbackEndpointForTesting);
        Assert.Equal(TimeSpan.FromSeconds(12), options.RequestTimeout);
        Assert.Equal("Europe/Berlin", options.TimeZoneId);
        Assert.Equal(3, options.MaxPendingWeeks);
        Assert.Equal(TimeSpan.FromMinutes(1), options.FlushInterval);
        Assert.Equal(TimeSpan.FromHours(1), options.SchedulerInterval);
        Assert.Equal(TimeSpan.Zero, options.SchedulerStartDelay);
        Assert.Equal(TimeSpan.FromSeconds(2), options.BusyTimeout);
        Assert.Equal("Printernizer/2.1", options.UserAgent);

        // The statistics are opened with those options (no logging registered: they log nowhere).
        UsageStatistics statistics = provider.GetRequiredService<UsageStatistics>();
        Assert.Equal(System.IO.Path.Combine(_folder.Path, "stats.db"), statistics.DatabasePath);
        Assert.Equal(TimeSpan.FromHours(1), statistics.SchedulerInterval);
        Assert.Equal(new Uri("http://127.0.0.1:5099/collector/"), statistics.GetStatus().Endpoint);
    }

    [Fact]
    public async Task A_configuration_value_of_the_wrong_type_or_an_unknown_key_fails_the_host_start_naming_the_key_not_the_value()
    {
        IConfiguration configuration = Configuration(new Dictionary<string, string?>
        {
            ["Telemetry:DataDirectory"] = "/home/alice-example/.local/share/app",
            ["Telemetry:MaxPendingWeeks"] = "lots-of-alice-example",
            ["Telemetry:FlushInterval"] = "alice-example-minutes",
            ["Telemetry:Endpiont"] = "https://stats.example.org/",
            ["Telemetry:HttpClientFactory"] = "alice-example",
            ["Telemetry:AllowInsecureLoopbackEndpointForTesting"] = "alice-example",
            ["Telemetry:UserAgent:Name"] = "alice-example",
        });
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddPiiGuardTelemetry(configuration.GetSection("Telemetry"), week => UsageReports.Build(week));
        using IHost host = builder.Build();

        OptionsValidationException error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(typeof(PiiGuardTelemetryOptions), error.OptionsType);
        string[] expected =
        [
            "PiiGuardTelemetryOptions has no option 'Endpiont' (a key in the configuration section); check its spelling.",
            "PiiGuardTelemetryOptions.AllowInsecureLoopbackEndpointForTesting in configuration must be true or false.",
            "PiiGuardTelemetryOptions.FlushInterval in configuration must be a time span such as 00:15:00 (hours:minutes:seconds) or 1.00:00:00 (a day).",
            "PiiGuardTelemetryOptions.HttpClientFactory is an object and cannot be read from configuration: set it in code.",
            "PiiGuardTelemetryOptions.MaxPendingWeeks in configuration must be a whole number.",
            "PiiGuardTelemetryOptions.UserAgent must be a single value, not a section.",
        ];
        Assert.Equal(expected, error.Failures.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("alice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_option_fails_the_host_start_naming_the_option_and_not_its_value()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddPiiGuardTelemetry(
            options =>
            {
                options.DataDirectory = " ";
                options.DatabaseFileName = "alice-example/stats.db";
                options.Endpoint = new Uri("http://stats.example.org/alice-example?user=alice-example");
            },
            week => UsageReports.Build(week));
        using IHost host = builder.Build();

        // Nothing asked for UsageStatistics: the host's start validates the options by itself.
        OptionsValidationException error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(typeof(PiiGuardTelemetryOptions), error.OptionsType);
        Assert.Equal(Options.DefaultName, error.OptionsName);
        Assert.Collection(
            error.Failures,
            failure => Assert.StartsWith("PiiGuardTelemetryOptions.DataDirectory is required", failure, StringComparison.Ordinal),
            failure => Assert.Equal("PiiGuardTelemetryOptions.DatabaseFileName must be a plain file name.", failure),
            failure => Assert.StartsWith("PiiGuardTelemetryOptions.Endpoint: The telemetry endpoint must use https", failure, StringComparison.Ordinal));
        Assert.DoesNotContain("alice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UsageStatistics_Open_applies_the_same_rules_with_an_ArgumentException()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => TestStore.Open(_folder, _time, options => options.UserAgent = "Printernizer\u00e9"));

        Assert.Equal("PiiGuardTelemetryOptions.UserAgent must be a header value of printable ASCII characters.", error.Message);
    }

    [Fact]
    public async Task A_second_call_registers_nothing_twice_and_adds_only_its_configuration()
    {
        var once = new ServiceCollection();
        once.AddSingleton<TimeProvider>(_time);
        once.AddPiiGuardTelemetry(options => options.DataDirectory = _folder.Path, week => UsageReports.Build(week));
        var twice = new ServiceCollection();
        twice.AddSingleton<TimeProvider>(_time);
        twice.AddPiiGuardTelemetry(options => options.DataDirectory = _folder.Path, week => UsageReports.Build(week))
            .AddPiiGuardTelemetry(options => options.MaxPendingWeeks = 5, week => UsageReports.Build(week));

        // Every service has as many registrations after two calls as after one, except the options' configuration,
        // to which each call adds its own, as services.Configure(...) does.
        Dictionary<Type, int> countsOnce = once.GroupBy(d => d.ServiceType).ToDictionary(g => g.Key, g => g.Count());
        Dictionary<Type, int> countsTwice = twice.GroupBy(d => d.ServiceType).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(countsOnce.Keys.OrderBy(t => t.FullName), countsTwice.Keys.OrderBy(t => t.FullName));
        foreach ((Type type, int count) in countsOnce)
        {
            int expected = type == typeof(IConfigureOptions<PiiGuardTelemetryOptions>) ? count + 1 : count;
            Assert.True(expected == countsTwice[type], $"{type}: {countsTwice[type]} registrations, expected {expected}");
        }

        Assert.Single(twice, d => d.ServiceType == typeof(UsageStatistics));
        Assert.Single(twice, d => d.ServiceType == typeof(IHostedService));
        Assert.Single(twice, d => d.ServiceType == typeof(IValidateOptions<PiiGuardTelemetryOptions>));

        // Both configurations apply, in order; one scheduler runs.
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        foreach (ServiceDescriptor descriptor in twice)
        {
            builder.Services.Add(descriptor);
        }

        using IHost host = builder.Build();
        PiiGuardTelemetryOptions options = host.Services.GetRequiredService<IOptions<PiiGuardTelemetryOptions>>().Value;
        Assert.Equal(_folder.Path, options.DataDirectory);
        Assert.Equal(5, options.MaxPendingWeeks);
        await host.StartAsync();
        UsageStatisticsScheduler scheduler = Assert.Single(host.Services.GetServices<IHostedService>().OfType<UsageStatisticsScheduler>());
        Task<SubmissionResult?> run = scheduler.NextRunCompleted;
        _time.Advance(options.SchedulerStartDelay);
        Assert.Equal(SubmissionOutcome.NotOptedIn, (await run.WaitAsync(s_hangGuard))?.Outcome);
        await host.StopAsync();
    }

    [Fact]
    public async Task The_statistics_and_the_scheduler_log_to_ILogger_of_their_own_type()
    {
        var loggers = new CapturingLoggerProvider();
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Logging.AddProvider(loggers);
        builder.Services.AddPiiGuardTelemetry(options => options.DataDirectory = _folder.Path, week => UsageReports.Build(week));
        using IHost host = builder.Build();
        await host.StartAsync();

        host.Services.GetRequiredService<UsageStatistics>().OptIn();

        Assert.Equal(["PiiGuard.Telemetry.Hosting.UsageStatisticsScheduler", "PiiGuard.UsageStatistics"], loggers.Categories.Where(c => c.StartsWith("PiiGuard", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        LogEntry optedIn = Assert.Single(loggers.For("PiiGuard.UsageStatistics").Entries);
        Assert.Equal(4, optedIn.EventId.Id);
        await host.StopAsync();
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    /// <summary>Hands out one <see cref="CapturingLogger"/> per category and remembers the categories asked for.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentDictionary<string, CapturingLogger> _loggers = new(StringComparer.Ordinal);

        public IEnumerable<string> Categories => _loggers.Keys;

        public CapturingLogger For(string category) => _loggers[category];

        public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, _ => new CapturingLogger());

        public void Dispose()
        {
        }
    }
}
