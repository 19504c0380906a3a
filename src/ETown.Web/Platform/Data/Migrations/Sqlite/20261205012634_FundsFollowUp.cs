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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FundDocuments");
        }
    }
}
