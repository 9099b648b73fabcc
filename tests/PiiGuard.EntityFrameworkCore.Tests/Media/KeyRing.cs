using System;
using System.IO;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace PiiGuard.EntityFrameworkCore.Tests.Media;

/// <summary>
/// An ASP.NET Core Data Protection key ring kept in a folder, as an app configures it
/// (<c>AddDataProtection().PersistKeysToFileSystem(...)</c>): a new one over the same folder is the app after a
/// restart, one over another folder is an app that lost its keys.
/// </summary>
internal sealed class KeyRing : IDisposable
{
    private readonly ServiceProvider _services;

    public KeyRing(string directory)
    {
        var services = new ServiceCollection();
        services.AddDataProtection()
            .SetApplicationName("PiiGuard.EntityFrameworkCore.Tests")
            .PersistKeysToFileSystem(new DirectoryInfo(directory));
        _services = services.BuildServiceProvider();
    }

    public IDataProtectionProvider Provider => _services.GetRequiredService<IDataProtectionProvider>();

    public IKeyManager Keys => _services.GetRequiredService<IKeyManager>();

    public void Dispose() => _services.Dispose();
}
