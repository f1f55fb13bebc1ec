/**
 * An Astro integration that makes /contracts/<code>.pdf for every model contract text
 * (src/domain/publishing/contract-texts): written into the built client files when `astro build`
 * finishes, so the front server serves them as static files, and rendered on request by
 * `astro dev`. Nothing is committed; a clean clone gets the PDFs from `npm run build`.
 * Imports are static: Astro loads its config through a Vite module runner that is closed by the
 * time build hooks run, so a dynamic import() here would fail. The fonts load only on first render.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';
import { CONTRACT_TEXTS, contractText } from '../../domain/publishing/contract-texts';
import { renderContractPdf } from './contract-pdf';

export function contractPdfs(): AstroIntegration {
  return {
    name: 'portal:contract-pdfs',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const out = new URL('contracts/', dir);
        await mkdir(out, { recursive: true });
        for (const c of CONTRACT_TEXTS) {
          const pdf = await renderContractPdf(c);
          await writeFile(new URL(`${c.code}.pdf`, out), pdf);
          logger.info(`contracts/${c.code}.pdf (${Math.round(pdf.byteLength / 1024)} KB)`);
        }
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use(async (req, res, next) => {
          const code = /^\/contracts\/([\w.-]+)\.pdf$/.exec(req.url ?? '')?.[1];
          if (!code) return next();
          const c = contractText(code);
          if (!c) return next();
          try {
            const pdf = await renderContractPdf(c);
            res.setHeader('Content-Type', 'application/pdf');
            res.end(pdf);
          } catch (error) {
            next(error);
          }
        });
      },
    },
  };
}
