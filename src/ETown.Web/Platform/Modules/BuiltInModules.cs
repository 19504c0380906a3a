using ETown.Web.Features.Acceptance;
using ETown.Web.Features.Declarations;
using ETown.Web.Features.Etowns;
using ETown.Web.Features.FundLedgers;
using ETown.Web.Features.Funds;
using ETown.Web.Features.Organisations;
using ETown.Web.Features.Plans;
using ETown.Web.Features.Regions;
using ETown.Web.Features.Standards;
using ETown.Web.Features.Statistics;
using ETown.Web.Platform.Administration;

namespace ETown.Web.Platform.Modules;

/// <summary>The one registration line per module. Order in menus and seeding comes from each module's <c>Order</c>.</summary>
public static class BuiltInModules
{
    public static IReadOnlyList<IEtownModule> Create() =>
    [
        new ReferenceModule(),
        new RegistryModule(),
        new DeclarationsModule(),
        new PlansModule(),
        new StandardsModule(),
        new StatisticsModule(),
        new FundLedgersModule(),
        new FundsModule(),
        new OrganisationsModule(),
        new AdministrationModule(),
        new AcceptanceModule(),
        new Features.Supervision.SupervisionModule(),
        new Features.Archives.ArchivesModule(),
        new Features.Disclosure.DisclosureModule(),
    ];
}
