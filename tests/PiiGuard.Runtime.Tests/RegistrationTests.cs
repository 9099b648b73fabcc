using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace PiiGuard.Runtime.Tests;

/// <summary>
/// Generated serializers register from a module initializer of the payload's assembly. A receiving service (or a
/// docs page) may ask for a payload type before any code of that assembly has run: the serializer must be found
/// anyway. Each test loads PiiGuard and this test assembly (which declares the seed payload, tests/Shared/Printernizer) into a
/// fresh, collectible load context, so that nothing this test process did before counts.
/// </summary>
public sealed class RegistrationTests
{
    [Fact]
    public void A_payload_type_is_found_before_any_code_of_its_assembly_ran()
    {
        using var context = new IsolatedContext();
        Type report = context.Sample.GetType("Printernizer.UsageReport", throwOnError: true)!;

        // TelemetrySchema.For<T> and TelemetrySerializer.Deserialize<T> both start with TelemetryTypeInfoRegistry.Get<T>.
        object? schema = null;
        Exception? failure = Record.Exception(() => schema = context.SchemaFor(report));

        Assert.True(failure is null, "TelemetrySchema.For<UsageReport>() failed before its assembly's module initializer ran: " + failure?.Message);
        Assert.Equal("printernizer_usage", schema!.GetType().GetProperty("Name")!.GetValue(schema));
    }

    [Fact]
    public void A_payload_type_is_found_once_its_module_initializer_ran()
    {
        // The control for the test above: the same isolated load, with the module initializer run by hand.
        using var context = new IsolatedContext();
        Type report = context.Sample.GetType("Printernizer.UsageReport", throwOnError: true)!;
        RuntimeHelpers.RunModuleConstructor(report.Module.ModuleHandle);

        object schema = context.SchemaFor(report);

        Assert.Equal("printernizer_usage", schema.GetType().GetProperty("Name")!.GetValue(schema));
    }

    /// <summary>PiiGuard.dll and the payloads' assembly (this one), loaded anew; everything else is shared with the default context.</summary>
    private sealed class IsolatedContext : AssemblyLoadContext, IDisposable
    {
        public IsolatedContext()
            : base("piiguard-isolated-" + Guid.NewGuid().ToString("N"), isCollectible: true)
        {
            Runtime = LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, "PiiGuard.dll"));
            Sample = LoadFromAssemblyPath(typeof(RegistrationTests).Assembly.Location);
            Assert.NotSame(typeof(TelemetrySerializer).Assembly, Runtime);
        }

        public Assembly Runtime { get; }

        public Assembly Sample { get; }

        public object SchemaFor(Type payload)
        {
            MethodInfo method = Runtime.GetType("PiiGuard.TelemetrySchema", throwOnError: true)!.GetMethod("For")!.MakeGenericMethod(payload);
            try
            {
                return method.Invoke(null, null)!;
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                throw e.InnerException;
            }
        }

        public void Dispose() => Unload();

        protected override Assembly? Load(AssemblyName name) =>
            name.Name is "PiiGuard" ? Runtime : name.Name == Sample.GetName().Name ? Sample : null;
    }
}
