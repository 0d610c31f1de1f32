import { createContext, useContext } from 'react';

/** The CSP nonce of this request's inline scripts (empty in the browser). */
export const NonceContext = createContext('');
export const useNonce = () => useContext(NonceContext);
