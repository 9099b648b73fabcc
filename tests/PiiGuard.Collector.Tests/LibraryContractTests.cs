using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PiiGuard.Serialization.Metadata;
using Printernizer;

namespace PiiGuard.Collector.Tests;

/// <summary>
/// What the collector library asks of an app, checked when it starts: a payload with an installation id it can read,
/// its Week option, and AddTelemetryCollector before MapTelemetryCollector; each failure names what is missing.
/// </summary>
public sealed class LibraryContractTests
{
    static LibraryContractTests() => TelemetryTypeInfoRegistry.Register(new WithoutInstallationIdInfo());

    [Fact]
    public void MapTelemetryCollector_of_a_payload_without_an_installation_id_throws_naming_the_type_and_what_is_missing()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Services.AddTelemetryCollector<WithoutInstallationId>(options => options.Week = _ => DateTimeOffset.UnixEpoch);
        using WebApplication app = builder.Build();

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => app.MapTelemetryCollector<WithoutInstallationId>());

        Assert.Contains(typeof(WithoutInstallationId).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("no [InstallationId]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapTelemetryCollector_without_AddTelemetryCollector_throws_saying_what_to_call()
    {
        using WebApplication app = WebApplication.CreateBuilder().Build();

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => app.MapTelemetryCollector<UsageReport>());

        Assert.Contains("AddTelemetryCollector<UsageReport>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_collector_without_its_Week_option_does_not_start()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(["--urls=https://127.0.0.1:0", "--Collector:AdminToken=" + CollectorHost.AdminToken]);
        builder.Services.AddTelemetryCollector<UsageReport>();
        await using WebApplication app = builder.Build();
        app.MapTelemetryCollector<UsageReport>();

        OptionsValidationException error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("needs its Week option", error.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(UsageReport).FullName!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_configured_admin_token_one_is_made_when_the_app_starts_not_at_the_first_request()
    {
        string data = Path.Combine(Path.GetTempPath(), "piiguard-collector-token", Guid.NewGuid().ToString("N"));
        try
        {
            WebApplicationBuilder builder = WebApplication.CreateBuilder(["--urls=https://127.0.0.1:0", $"--Collector:DataDirectory={data}"]);
            builder.Services.AddTelemetryCollector<UsageReport>(options => options.Week = report => report.Period.Start);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = CollectorCertificates.LoadOrCreate(data).Server));
            await using WebApplication app = builder.Build();
            app.MapTelemetryCollector<UsageReport>();
            Assert.False(File.Exists(Path.Combine(data, AdminTokens.FileName)));

            await app.StartAsync();

            Assert.True(File.ReadAllText(Path.Combine(data, AdminTokens.FileName)).Trim().Length >= 32);
            Assert.True(File.Exists(Path.Combine(data, "collector.db")));
            await app.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>A payload whose serializer knows no installation id.</summary>
    public sealed class WithoutInstallationId
    {
        public int Count { get; init; }
    }

    // What the generator emits for a payload without an [InstallationId]: no override of InstallationIdPath. The
    // generator's own test checks that it emits none (tests/PiiGuard.Generators.Tests).
    [TelemetrySchemaDocuments("without_installation_id", "1.0", "{}", "", "")]
    private sealed class WithoutInstallationIdInfo : TelemetryTypeInfo<WithoutInstallationId>
    {
        public override void Write(ref TelemetryJsonWriter writer, WithoutInstallationId value) => throw new NotSupportedException();

        public override WithoutInstallationId Read(ref TelemetryJsonReader reader) => throw new NotSupportedException();
    }
}
