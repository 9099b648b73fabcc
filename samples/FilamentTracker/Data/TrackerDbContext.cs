using Microsoft.EntityFrameworkCore;

namespace FilamentTracker.Data;

/// <summary>The app's database: every table is an entity the data map knows.</summary>
public sealed class TrackerDbContext(DbContextOptions<TrackerDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<Spool> Spools => Set<Spool>();

    public DbSet<Print> Prints => Set<Print>();

    public DbSet<Palette> Palettes => Set<Palette>();

    public DbSet<Review> Reviews => Set<Review>();

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<Photo> Photos => Set<Photo>();

    public DbSet<BambuConnection> BambuConnections => Set<BambuConnection>();

    public DbSet<AuthLogEntry> AuthLog => Set<AuthLogEntry>();

    public DbSet<AffiliateClick> AffiliateClicks => Set<AffiliateClick>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>().HasIndex(u => u.Email).IsUnique();
        modelBuilder.Entity<User>().HasIndex(u => u.Username).IsUnique();
    }
}
