using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ETown.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FundLedgers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LedgerBandExceptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EtownId = table.Column<Guid>(type: "uuid", nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ApprovedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ApprovedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ApprovedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerBandExceptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LedgerBandExceptions_Etowns_EtownId",
                        column: x => x.EtownId,
                        principalTable: "Etowns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LedgerExpenses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EtownId = table.Column<Guid>(type: "uuid", nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    OperatorOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: true),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FundSource = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ItemNo = table.Column<int>(type: "integer", nullable: false),
                    AmountWan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    InvoiceNumber = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Payee = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    PurposeCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    EnteredBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    InvoiceFileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    InvoiceContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    InvoiceSize = table.Column<long>(type: "bigint", nullable: true),
                    InvoiceSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    InvoiceStoragePath = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerExpenses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LedgerExpenses_Etowns_EtownId",
                        column: x => x.EtownId,
                        principalTable: "Etowns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LedgerExpenses_Organisations_OperatorOrganisationId",
                        column: x => x.OperatorOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LedgerPurposes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IsProhibited = table.Column<bool>(type: "boolean", nullable: false),
                    Clause = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Keywords = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerPurposes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LedgerAssets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EtownId = table.Column<Guid>(type: "uuid", nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    OperatorOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Location = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    ValueWan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    AcquiredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Ownership = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OpenShared = table.Column<bool>(type: "boolean", nullable: false),
                    ServiceNote = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ExpenseId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerAssets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LedgerAssets_Etowns_EtownId",
                        column: x => x.EtownId,
                        principalTable: "Etowns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LedgerAssets_LedgerExpenses_ExpenseId",
                        column: x => x.ExpenseId,
                        principalTable: "LedgerExpenses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LedgerIdempotencyKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    BodyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ExpenseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerIdempotencyKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LedgerIdempotencyKeys_LedgerExpenses_ExpenseId",
                        column: x => x.ExpenseId,
                        principalTable: "LedgerExpenses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerAssets_EtownId",
                table: "LedgerAssets",
                column: "EtownId");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerAssets_ExpenseId",
                table: "LedgerAssets",
                column: "ExpenseId");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerBandExceptions_EtownId_Category",
                table: "LedgerBandExceptions",
                columns: new[] { "EtownId", "Category" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerExpenses_EtownId_Date",
                table: "LedgerExpenses",
                columns: new[] { "EtownId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerExpenses_OperatorOrganisationId_InvoiceNumber",
                table: "LedgerExpenses",
                columns: new[] { "OperatorOrganisationId", "InvoiceNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LedgerIdempotencyKeys_ExpenseId",
                table: "LedgerIdempotencyKeys",
                column: "ExpenseId");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerIdempotencyKeys_OrganisationId_Key",
                table: "LedgerIdempotencyKeys",
                columns: new[] { "OrganisationId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LedgerPurposes_Code",
                table: "LedgerPurposes",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LedgerAssets");

            migrationBuilder.DropTable(
                name: "LedgerBandExceptions");

            migrationBuilder.DropTable(
                name: "LedgerIdempotencyKeys");

            migrationBuilder.DropTable(
                name: "LedgerPurposes");

            migrationBuilder.DropTable(
                name: "LedgerExpenses");
        }
    }
}
