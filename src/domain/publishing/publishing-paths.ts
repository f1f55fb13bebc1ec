/** The addresses of the staff publishing pages, built in one place for links and redirects. */
export const PUBLISH_PATH = '/staff/publish';
export const inspectionPath = (id: number) => `${PUBLISH_PATH}/inspections/${id}`;
export const proposalPath = (id: number) => `${PUBLISH_PATH}/lists/${id}`;
export const warningDraftPath = (id: number) => `${PUBLISH_PATH}/warnings/${id}`;
export const contractPath = (code: string) => `${PUBLISH_PATH}/contracts/${encodeURIComponent(code)}`;
