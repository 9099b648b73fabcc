using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace PiiGuard.Tests.Shared;

/// <summary>
/// What tests need to start a program of their own as a child process (a crash test that kills it, a sample app):
/// the <c>dotnet</c> host that runs the tests, and the path of a child program's assembly that its test project
/// records at build. Compiled into each test project that needs it.
/// </summary>
internal static class ChildProcess
{
    /// <summary>The <c>dotnet</c> that runs these tests (<c>DOTNET_HOST_PATH</c>), so that child processes use the same SDK and runtime.</summary>
    public static string DotnetExecutable() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>
    /// The path of a child program's assembly, as the test project recorded it in an <see cref="AssemblyMetadataAttribute"/>
    /// named <paramref name="key"/> of <paramref name="tests"/>; a clear error when it was not built.
    /// </summary>
    public static string AssemblyPath(Assembly tests, string key)
    {
        string path = tests.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value!;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The child process's assembly was not built: {path}.");
        }

        return path;
    }
}
