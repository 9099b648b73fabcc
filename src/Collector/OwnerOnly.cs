namespace PiiGuard.Collector;

/// <summary>
/// Everything the collector keeps is readable by its owner only, as the client's store is: folders it makes are 0700,
/// its files (the database and SQLite's -wal, -shm and -journal files, the admin token, the certificates) are 0600,
/// whatever the process's umask. A folder that already exists keeps its mode (it can be a mount point or a folder the
/// operator chose); files the collector finds there from an older version are made owner-only at start. Windows has
/// no Unix modes: files there inherit the folder's access rules, which for a folder in the user's profile are the
/// user's.
/// </summary>
internal static class OwnerOnly
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="folder"/>, and any missing folder above it, owner-only; an existing one is left as it is.</summary>
    /// <param name="folder">The folder.</param>
    public static void CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            // Directory.CreateDirectory(path, mode) gives the mode to the last folder only: make each missing one.
            var missing = new Stack<string>();
            for (string? at = Path.GetFullPath(folder); at is not null && !Directory.Exists(at); at = Path.GetDirectoryName(at))
            {
                missing.Push(at);
            }

            foreach (string at in missing)
            {
                Directory.CreateDirectory(at, FolderMode);
            }
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, which is owner-only before anything is written, new or replaced.</summary>
    /// <param name="path">The file.</param>
    /// <param name="bytes">Its new content.</param>
    public static void WriteFile(string path, byte[] bytes)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        using var stream = new FileStream(path, options);
        if (!OperatingSystem.IsWindows())
        {
            // A file that existed keeps its mode through FileMode.Create: set it before the new content goes in.
            File.SetUnixFileMode(stream.SafeFileHandle, FileMode);
        }

        stream.Write(bytes);
    }

    /// <summary>Makes <paramref name="path"/> owner-only if it exists.</summary>
    /// <param name="path">The file.</param>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }

    /// <summary>
    /// Makes the SQLite database at <paramref name="path"/> owner-only before SQLite opens it: creates it empty and
    /// 0600 when it does not exist yet, and makes it and any -wal, -shm or -journal file beside it 0600 when it does.
    /// </summary>
    /// <param name="path">The database file.</param>
    public static void PrepareDatabase(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // Why up front rather than setting modes after opening: SQLite would create the database with 0644 (less the
        // umask), and it makes the -wal and -shm files later, at the first write, from any connection of the pool. Its
        // Unix VFS gives those files the database file's own mode, whatever the umask (it changes a new, empty one to
        // match). So a database file that is 0600 before SQLite first opens it covers every file SQLite makes beside
        // it, with no moment at which one is readable by others; a chmod after opening could not reach a -wal or -shm
        // made later by another connection, nor the moment before it. SQLite creates nothing when the file exists.
        if (!File.Exists(path))
        {
            try
            {
                using var created = new FileStream(path, new FileStreamOptions
                {
                    Mode = System.IO.FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = FileMode,
                });
                return;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Made in the meantime by another process: tightened below like any existing one.
            }
        }

        // An older collector's files, and -wal and -shm left by a crash: SQLite reuses those as they are.
        foreach (string file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            Restrict(file);
        }
    }
}
