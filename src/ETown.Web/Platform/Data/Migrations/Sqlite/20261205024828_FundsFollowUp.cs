using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ETown.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FundsFollowUp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DuplicateJustification",
                table: "FundContracts",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FundDocuments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EtownId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PaymentRequestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OperatorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Material = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    UploadedByOrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StoragePath = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundDocuments_Etowns_EtownId",
                        column: x => x.EtownId,
                        principalTable: "Etowns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FundDocuments_FundContracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "FundContracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FundDocuments_FundOperators_OperatorId",
                        column: x => x.OperatorId,
                        principalTable: "FundOperators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FundDocuments_PaymentRequests_PaymentRequestId",
                        column: x => x.PaymentRequestId,
                        principalTable: "PaymentRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OtherInvestments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EtownId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Department = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Project = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    ItemNo = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: true),
                    Justification = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OtherInvestments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OtherInvestments_Etowns_EtownId",
                        column: x => x.EtownId,
                        principalTable: "Etowns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PerformanceAssessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EtownId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AfterConstruction = table.Column<bool>(type: "INTEGER", nullable: false),
                    CriteriaJson = table.Column<string>(type: "TEXT", nullable: false),
                    TotalScore = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    MaxScore = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Conclusion = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AssessedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AssessorOrganisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PerformanceAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PerformanceAssessments_FundContracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "FundContracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerExpenses_ContractId",
                table: "LedgerExpenses",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_FundDocuments_ContractId",
                table: "FundDocuments",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_FundDocuments_EtownId",
                table: "FundDocuments",
                column: "EtownId");

            migrationBuilder.CreateIndex(
                name: "IX_FundDocuments_OperatorId",
                table: "FundDocuments",
                column: "OperatorId");

            migrationBuilder.CreateIndex(
                name: "IX_FundDocuments_PaymentRequestId",
                table: "FundDocuments",
                column: "PaymentRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_OtherInvestments_EtownId_ItemNo",
                table: "OtherInvestments",
                columns: new[] { "EtownId", "ItemNo" });

            migrationBuilder.CreateIndex(
                name: "IX_PerformanceAssessments_ContractId",
                table: "PerformanceAssessments",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_PerformanceAssessments_EtownId",
                table: "PerformanceAssessments",
                column: "EtownId");

            migrationBuilder.AddForeignKey(
                name: "FK_LedgerExpenses_FundContracts_ContractId",
                table: "LedgerExpenses",
                column: "ContractId",
                principalTable: "FundContracts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_LedgerExpenses_FundContracts_ContractId",
                table: "LedgerExpenses");

            migrationBuilder.DropTable(
                name: "FundDocuments");

            migrationBuilder.DropTable(
                name: "OtherInvestments");

            migrationBuilder.DropTable(
                name: "PerformanceAssessments");

            migrationBuilder.DropIndex(
                name: "IX_LedgerExpenses_ContractId",
                table: "LedgerExpenses");

            migrationBuilder.DropColumn(
                name: "DuplicateJustification",
                table: "FundContracts");
        }
    }
}
