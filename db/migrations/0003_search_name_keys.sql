DROP INDEX "institutions_credit_code_pattern";--> statement-breakpoint
CREATE INDEX "institutions_credit_code_c" ON "institutions" USING btree ("credit_code" collate "C");--> statement-breakpoint
CREATE INDEX "institutions_name_key_c" ON "institutions" USING btree ((split_part("search_text", '|', 1) collate "C"));--> statement-breakpoint
CREATE INDEX "institutions_name_pinyin_c" ON "institutions" USING btree ((split_part("pinyin", '|', 1) collate "C"));--> statement-breakpoint
CREATE INDEX "institutions_name_initials_c" ON "institutions" USING btree ((split_part("initials", '|', 1) collate "C"));