using Microsoft.Extensions.DependencyInjection;

namespace ScoutElo.Scoring.Orleans;

/// <summary>Registers the fleet's grains' options on a silo.</summary>
public static class FleetSiloBuilderExtensions
{
    /// <summary>Configures the validator fleet on this silo (every silo of the cluster needs the same configuration).</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets the <see cref="FleetOptions"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ISiloBuilder AddScoutNetworkFleet(this ISiloBuilder builder, Action<FleetOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }
}
