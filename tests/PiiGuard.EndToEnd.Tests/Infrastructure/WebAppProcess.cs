using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace PiiGuard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A built ASP.NET Core app run as <c>dotnet App.dll --urls http://127.0.0.1:0 ...</c>: Kestrel picks a free port and
/// logs it ("Now listening on: ..."), which is how the tests know the app is up and where (no guessed port, no polling
/// loop). Every line the app prints is kept, so a test waits for a log line (a hosted service's run) by reading them.
/// </summary>
public sealed partial class WebAppProcess : IAsyncDisposable
{
    /// <summary>
    /// How long a wait for a line may take before the test fails with everything the app printed: a guard against a
    /// hung app, not a measure of speed (the app starts in a second or two).
    /// </summary>
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _ended;

    private WebAppProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The app's address, from its "Now listening on" line.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>A client of the app.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>Everything the app printed so far (stdout and stderr).</summary>
    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join(Environment.NewLine, _lines);
            }
        }
    }

    /// <summary>Starts <paramref name="assembly"/> on 127.0.0.1 at a port Kestrel picks, and waits until it listens.</summary>
    public static async Task<WebAppProcess> StartAsync(string assembly, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(Dotnet.DotnetExecutable())
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(assembly);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add("http://127.0.0.1:0");
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (string name in startInfo.Environment.Keys.Where(name => name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = new Process { StartInfo = startInfo };
        var app = new WebAppProcess(process);
        process.OutputDataReceived += (_, e) => app.Add(e.Data, ended: e.Data is null);
        process.ErrorDataReceived += (_, e) => app.Add(e.Data, ended: false);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        string listening = await app.WaitForLineAsync(line => ListeningLine().IsMatch(line), "Kestrel's \"Now listening on\" line");
        app.Address = new Uri(ListeningLine().Match(listening).Groups[1].Value);
        app.Http = new HttpClient { BaseAddress = app.Address };
        return app;
    }

    /// <summary>
    /// The first line the app printed (since it started, so a line that came before the call counts) that matches;
    /// fails with the app's output when the app exits first.
    /// </summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string what)
    {
        using var guard = new CancellationTokenSource(Guard);
        int seen = 0;
        while (true)
        {
            Task changed;
            lock (_lines)
            {
                for (; seen < _lines.Count; seen++)
                {
                    if (match(_lines[seen]))
                    {
                        return _lines[seen];
                    }
                }

                if (_ended)
                {
                    throw new InvalidOperationException($"The app exited before it printed {what}. Output:{Environment.NewLine}{string.Join(Environment.NewLine, _lines)}");
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(guard.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The app did not print {what} within {Guard.TotalMinutes:F0} minutes. Output:{Environment.NewLine}{Output}");
            }
        }
    }

    /// <summary>Stops the app as a service manager does (SIGTERM: a graceful shutdown) and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        Http?.Dispose();
        if (!_process.HasExited)
        {
            if (OperatingSystem.IsWindows() || Kill(_process.Id, SigTerm) != 0)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        using var guard = new CancellationTokenSource(Guard);
        try
        {
            await _process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The app did not stop within {Guard.TotalMinutes:F0} minutes of SIGTERM. Output:{Environment.NewLine}{Output}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        Http?.Dispose();
        _process.Dispose();
    }

    private void Add(string? line, bool ended)
    {
        lock (_lines)
        {
            if (line != null)
            {
                _lines.Add(line);
            }

            _ended |= ended;
            TaskCompletionSource changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
        }
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
