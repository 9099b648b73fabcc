using FilamentTracker;
using FilamentTracker.Data;
using Microsoft.EntityFrameworkCore;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.Services.AddDbContext<TrackerDbContext>(options =>
    options.UseSqlite(builder.Configuration.GetConnectionString("Tracker") ?? "Data Source=filament-tracker.db"));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<Accounts>();

WebApplication app = builder.Build();
using (IServiceScope scope = app.Services.CreateScope())
{
    scope.ServiceProvider.GetRequiredService<TrackerDbContext>().Database.EnsureCreated();
}

app.MapTrackerEndpoints();
app.Run();
